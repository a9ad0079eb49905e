import { randomBytes } from 'node:crypto';

/** A fresh script nonce for each webview page (the CSP allows only scripts carrying it). */
export function makeNonce(): string {
    return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}
