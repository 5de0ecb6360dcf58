import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getSiteSettings } from "@/lib/settings/get-site-settings";
import { AdminNav } from "../admin-nav";
import { requireStaff } from "../require-staff";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings · Admin" };
export const dynamic = "force-dynamic";

export default async function AdminSettingsPage() {
  await requireStaff("admin");
  const settings = await getSiteSettings({ db: getDb() });
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Site settings</h1>
      <AdminNav role="admin" current="/admin/settings" />
      <SettingsForm initial={settings} />
    </section>
  );
}
