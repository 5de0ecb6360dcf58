import Link from "next/link";

const LINKS = [
  { href: "/admin", label: "Overview", adminOnly: false },
  { href: "/admin/users", label: "Users", adminOnly: true },
  { href: "/admin/audit", label: "Audit log", adminOnly: false },
  { href: "/admin/settings", label: "Settings", adminOnly: true },
  { href: "/admin/plugins", label: "Plugins", adminOnly: true },
];

export function AdminNav({ role, current }: { role: "moderator" | "admin"; current: string }) {
  return (
    <nav className="mb-6 flex gap-4 border-b border-slate-200 pb-2 text-sm" aria-label="Admin">
      {LINKS.filter((link) => role === "admin" || !link.adminOnly).map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current === link.href ? "page" : undefined}
          className={current === link.href ? "font-semibold text-slate-900" : "text-slate-600 hover:text-slate-900"}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
