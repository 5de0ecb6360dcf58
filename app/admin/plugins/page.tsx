import type { Metadata } from "next";
import { maskSecrets } from "@/lib/plugins/configure-plugin";
import { getPluginHost } from "@/lib/plugins/get-plugin-host";
import { AdminNav } from "../admin-nav";
import { requireStaff } from "../require-staff";
import { PluginControls } from "./plugin-controls";

export const metadata: Metadata = { title: "Plugins · Admin" };
export const dynamic = "force-dynamic";

export default async function AdminPluginsPage() {
  await requireStaff("admin");
  const host = getPluginHost();
  host.invalidate();
  const plugins = await host.list();
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Plugins</h1>
      <AdminNav role="admin" current="/admin/plugins" />
      <ul className="space-y-4">
        {plugins.map((plugin) => (
          <li key={plugin.name} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`plugin-${plugin.name}`}>
            <div className="flex flex-wrap items-baseline gap-3">
              <h2 className="text-lg font-semibold">{plugin.name}</h2>
              <span className="text-sm text-slate-500">v{plugin.version} · {plugin.source}</span>
              <span className={`rounded px-2 text-xs ${plugin.enabled ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-600"}`}>{plugin.enabled ? "enabled" : "disabled"}</span>
              {!plugin.healthy ? <span className="rounded bg-red-100 px-2 text-xs text-red-800">unhealthy</span> : null}
            </div>
            {plugin.description ? <p className="mt-1 text-sm text-slate-600">{plugin.description}</p> : null}
            {plugin.disabledReason ? <p className="mt-1 text-sm text-red-700">{plugin.disabledReason}</p> : null}
            <p className="mt-1 text-xs text-slate-500">Hooks: {plugin.hooks.join(", ") || "none"}</p>
            {plugin.source !== "refused" ? (
              <PluginControls name={plugin.name} enabled={plugin.enabled} config={maskSecrets(plugin.config, plugin.secretKeys)} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
