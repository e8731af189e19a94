import type { ServerResponse } from 'node:http';
import type { Html } from './html';

/**
 * Every answer: nothing cached, no framing by another page, no script at all, forms posting only
 * here (the pages are plain HTML; a script injected through a value would not run).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Not no-referrer: with it browsers send "Origin: null" on form posts, which the Origin check refuses.
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function sendHtml(res: ServerResponse, status: number, body: Html, setCookie?: string): void {
  const bytes = Buffer.from(`<!doctype html>\n${body.text}`, 'utf8');
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': bytes.length, ...(setCookie ? { 'Set-Cookie': setCookie } : {}) });
  res.end(bytes);
}

export function sendCss(res: ServerResponse, css: string): void {
  const bytes = Buffer.from(css, 'utf8');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Cache-Control': 'max-age=3600', 'Content-Type': 'text/css; charset=utf-8', 'Content-Length': bytes.length });
  res.end(bytes);
}

/** 303: the browser follows with a GET, so a reload after a POST does not post again. */
export function redirect(res: ServerResponse, location: string, setCookie?: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, Location: location, 'Content-Length': 0, ...(setCookie ? { 'Set-Cookie': setCookie } : {}) });
  res.end();
}
