// Email over SMTP (nodemailer), configured by SKYWATCH_SMTP_URL (smtp://user:pass@host:587,
// smtps://… for TLS from the start) and SKYWATCH_SMTP_FROM (the sender, default
// "Skywatch <alerts@localhost>"). The SMTP server is the operator's, so it is not held to the
// public-address rule of outbound requests.
import { createRequire } from "node:module";
import type NodeMailer from "nodemailer";
import type { Email } from "./messages.js";

/** nodemailer, loaded when a mailer is made (SKYWATCH_SMTP_URL set): a process that sends no email does not carry it (~14 MB). */
const loadNodemailer = () => createRequire(import.meta.url)("nodemailer") as typeof NodeMailer;

export interface OutgoingMail extends Email {
  to: string;
  /** Kept as the Message-ID, so that a retried alert is recognisable as the same message. */
  deliveryId: string;
  unsubscribeUrl: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpMailer(url: string, from = process.env.SKYWATCH_SMTP_FROM ?? "Skywatch <alerts@localhost>"): Mailer {
  const transport = loadNodemailer().createTransport(url, { from });
  const domain = from.match(/@([^>\s]+)/)?.[1] ?? "skywatch.local";
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.deliveryId}@${domain}>`,
        headers: {
          // One-click unsubscribe (RFC 8058): mail clients POST to the link.
          "List-Unsubscribe": `<${mail.unsubscribeUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "Skywatch-Delivery": mail.deliveryId,
        },
      });
    },
    close: () => transport.close(),
  };
}

/** The mailer SKYWATCH_SMTP_URL configures, or null when it is not set. */
export function mailerFromEnv(): Mailer | null {
  const url = process.env.SKYWATCH_SMTP_URL;
  return url ? smtpMailer(url) : null;
}
