import { getDb } from "@/lib/db";

/** Badges earned (awarded by the achievements plugin), if any. */
export async function BadgeList({ username }: { username: string }) {
  const badges = await getDb().badge.findMany({ where: { user: { username } }, orderBy: { awardedAt: "asc" }, select: { badge: true, awardedAt: true } });
  if (badges.length === 0) return null;
  return (
    <ul className="mt-4 flex flex-wrap gap-2" aria-label="Badges" data-testid="badges">
      {badges.map((b) => (
        <li key={b.badge} className="rounded-full bg-amber-100 px-3 py-1 text-xs font-medium text-amber-900">🏅 {b.badge}</li>
      ))}
    </ul>
  );
}
