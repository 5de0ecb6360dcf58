import { getSiteName } from "./site";

export default function HomePage() {
  return (
    <section>
      <h1 className="text-2xl font-semibold">{getSiteName()}</h1>
      <p className="mt-2 text-slate-600">Questions and answers from the community.</p>
    </section>
  );
}
