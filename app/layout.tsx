import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Header } from "./components/header";
import { Providers } from "./providers";
import { getSiteName } from "./site";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const siteName = await getSiteName();
  return { title: { default: siteName, template: `%s · ${siteName}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const siteName = await getSiteName();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>
          <Header siteName={siteName} />
          <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
