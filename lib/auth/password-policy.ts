/** The shortest password accepted for a user (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;
