import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Header } from "./components/header";
import { Providers } from "./providers";
import { getSiteName } from "./site";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const siteName = getSiteName();
  return { title: { default: siteName, template: `%s · ${siteName}` } };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>
          <Header siteName={getSiteName()} />
          <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
