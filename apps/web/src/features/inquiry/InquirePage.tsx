// The public inquiry form (/inquire): the clinic's site links here. No session; it posts to
// POST /api/inquiries with the UTM parameters of the address it was opened with.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { InquiryInput, attributionFromSearch, type InquiryForm, type PreferredContact } from "@intake/domain";
import { firstMessages, type FieldErrors } from "../../api/errors.ts";
import { RadioGroupField, SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";

const FIELDS = ["name", "phone", "email", "preferredContact", "language", "message", "textConsent"] as const;
type Field = (typeof FIELDS)[number];

const CONTACT_OPTIONS: readonly { value: PreferredContact; label: string }[] = [
  { value: "call", label: "Phone call" },
  { value: "text", label: "Text message" },
  { value: "email", label: "Email" },
];

type Sent = { reference: string } | null;

/** Where the visit came from, as the page was opened: the link's UTM parameters, the address, the referring page. */
function visitAttribution(): Partial<InquiryForm> {
  const landingPage = window.location.href.slice(0, 2000);
  const referrer = document.referrer ? document.referrer.slice(0, 2000) : undefined;
  return { ...attributionFromSearch(window.location.search), landingPage, ...(referrer ? { referrer } : {}) };
}

export function InquirePage() {
  // Read once, when the page opens: what the link carried stays with the form whatever the address becomes.
  const [attribution] = useState(visitAttribution);
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [preferredContact, setPreferredContact] = useState<PreferredContact>("call");
  const [language, setLanguage] = useState<"en" | "es">("en");
  const [message, setMessage] = useState("");
  const [textConsent, setTextConsent] = useState(false);
  const [website, setWebsite] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<Sent>(null);
  const thanks = useRef<HTMLHeadingElement>(null);
  // Once sent, the keyboard (and a screen reader) continues from the thanks, which replaces the form.
  useEffect(() => {
    if (sent) thanks.current?.focus();
  }, [sent]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    setFormError(null);
    const fields: InquiryForm = { ...attribution, name, phone, email, preferredContact, language, message, textConsent, website };
    const parsed = InquiryInput.safeParse(fields);
    if (!parsed.success) {
      showErrorsAndFocus(form, FIELDS, firstMessages(z.flattenError(parsed.error).fieldErrors) as FieldErrors<Field>, setErrors);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const res = await fetch("/api/inquiries", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fields) });
      const body = (await res.json().catch(() => null)) as { reference?: string; error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
      if (res.status === 202 && body?.reference) {
        setSent({ reference: body.reference });
      } else if (res.status === 400 && body?.error?.fieldErrors) {
        showErrorsAndFocus(form, FIELDS, firstMessages(body.error.fieldErrors) as FieldErrors<Field>, setErrors);
      } else if (res.status === 429) {
        setFormError("We have received several messages from here already. Please try again later, or call us at (818) 805-2469.");
      } else {
        setFormError("Your message could not be sent. Please try again, or call us at (818) 805-2469.");
      }
    } catch {
      setFormError("Your message could not be sent: check your connection and try again, or call us at (818) 805-2469.");
    } finally {
      setPending(false);
    }
  }

  if (sent) {
    return (
      <main className="sign-in inquire">
        <title>Thank you · Iris TMS clinic</title>
        <div className="sign-in-card" role="status">
          <h1 ref={thanks} tabIndex={-1}>
            Thank you, we have your message
          </h1>
          <p>Someone from our intake team will contact you soon, usually within one business day.</p>
          <p>
            Your reference: <strong>{sent.reference}</strong>
          </p>
          <p>If you need help now, call us at (818) 805-2469. In a crisis, call or text 988.</p>
        </div>
      </main>
    );
  }

  return (
    <main className="sign-in inquire">
      <title>Ask about TMS for chronic pain · Iris TMS clinic</title>
      <div className="sign-in-card">
        <h1 id="inquire-heading">Ask about TMS for chronic pain</h1>
        <p className="field-hint">Leave your details and our intake team will contact you. Fields marked required must be filled in.</p>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="inquire-heading" className="stack">
          <TextField
            label="Your name (required)"
            name="name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
          />
          <TextField
            label="Phone number (required)"
            hint="A US number, for example (818) 555-0142"
            type="tel"
            name="phone"
            autoComplete="tel"
            required
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            error={errors.phone}
          />
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.email}
          />
          <RadioGroupField
            label="How should we contact you?"
            name="preferredContact"
            value={preferredContact}
            options={CONTACT_OPTIONS}
            onChange={setPreferredContact}
            error={errors.preferredContact}
          />
          <SelectField
            label="Language"
            name="language"
            value={language}
            onChange={(e) => setLanguage(e.target.value === "es" ? "es" : "en")}
            error={errors.language}
          >
            <option value="en">English</option>
            <option value="es" lang="es">
              Español
            </option>
          </SelectField>
          <TextAreaField
            label="Message"
            hint="What would you like us to know? (optional)"
            name="message"
            rows={4}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={errors.message}
          />
          <label className="check-option">
            <input type="checkbox" name="textConsent" checked={textConsent} onChange={(e) => setTextConsent(e.target.checked)} /> You may send me text messages
            about my inquiry
          </label>
          {/* Left empty by people, who never see it; a bot fills it in. */}
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="inquire-website">Website</label>
            <input id="inquire-website" name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
          </div>
          <ErrorNotice>{formError}</ErrorNotice>
          <button type="submit" className="button button-block" aria-disabled={pending || undefined}>
            {pending ? "Sending…" : "Send"}
          </button>
        </form>
      </div>
    </main>
  );
}
