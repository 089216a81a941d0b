/** The header the preload stamps with each request's socket address. */
export declare const SOCKET_ADDRESS_HEADER: string;
