/** Node's --max-http-header-size for `next start`: request line plus headers, in bytes. */
export const MAX_HEADER_BYTES = 64 * 1024;
