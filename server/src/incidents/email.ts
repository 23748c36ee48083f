/**
 * The e-mail route: a page as a plain-text message over SMTP (nodemailer), one transport per route. The password
 * comes from the environment variable the config names (`passEnv`), so no secret sits in the config file.
 */
import nodemailer from 'nodemailer'
import type { Route } from './settings.ts'

type EmailRoute = Extract<Route, { kind: 'email' }>

export function emailSender(r: EmailRoute, timeoutMs: number, env: Record<string, string | undefined> = process.env) {
  const pass = r.smtp.passEnv ? env[r.smtp.passEnv] : undefined
  const transport = nodemailer.createTransport({
    host: r.smtp.host,
    port: r.smtp.port,
    secure: r.smtp.secure,
    auth: r.smtp.user ? { user: r.smtp.user, pass: pass ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  return async (body: string): Promise<void> => {
    const { subject, text } = JSON.parse(body) as { subject: string; text: string }
    await transport.sendMail({ from: r.from, to: r.to, subject, text })
  }
}
