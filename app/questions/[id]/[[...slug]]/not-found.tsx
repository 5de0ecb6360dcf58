import Link from "next/link";
import { StaffReviewLink } from "../../../components/staff-review-link";

/** A missing or deleted question: the usual 404, plus a link to the staff view for moderators. */
export default function QuestionNotFound() {
  return (
    <section className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">The page you asked for doesn&apos;t exist or was removed.</p>
      <Link href="/" className="mt-4 inline-block text-blue-700 underline">Back to the questions</Link>
      <StaffReviewLink />
    </section>
  );
}
