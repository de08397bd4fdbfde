// Form fields: a visible label, an optional hint, the control, and its inline error, wired for screen readers.
import { useId, type ComponentProps, type ReactNode } from "react";

interface FieldFrameProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
}

function useFieldIds(hint: ReactNode, error: string | undefined, fixedId?: string) {
  const generated = useId();
  const id = fixedId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  // The error is read first: it is what the person needs to act on.
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, describedBy };
}

export function FieldError({ id, message }: { id: string | undefined; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

function Frame(props: {
  className: string | undefined;
  id: string;
  label: ReactNode;
  hint: ReactNode;
  hintId: string | undefined;
  error: string | undefined;
  errorId: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={["field", props.error ? "field-invalid" : "", props.className ?? ""].join(" ").trim()}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p id={props.hintId} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      <FieldError id={props.errorId} message={props.error} />
    </div>
  );
}

type TextFieldProps = FieldFrameProps & Omit<ComponentProps<"input">, "className">;

export function TextField({ label, hint, error, className, id, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error, id);
  return (
    <Frame className={className} label={label} hint={hint} error={error} {...ids}>
      <input {...input} id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} />
    </Frame>
  );
}

type TextAreaFieldProps = FieldFrameProps & Omit<ComponentProps<"textarea">, "id" | "className">;

export function TextAreaField({ label, hint, error, className, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame className={className} label={label} hint={hint} error={error} {...ids}>
      <textarea {...textarea} id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} />
    </Frame>
  );
}

type SelectFieldProps = FieldFrameProps & Omit<ComponentProps<"select">, "id" | "className">;

export function SelectField({ label, hint, error, className, children, ...select }: SelectFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame className={className} label={label} hint={hint} error={error} {...ids}>
      <select {...select} id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy}>
        {children}
      </select>
    </Frame>
  );
}

interface RadioGroupProps<V extends string> extends FieldFrameProps {
  name: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}

export function RadioGroupField<V extends string>(props: RadioGroupProps<V>) {
  const ids = useFieldIds(props.hint, props.error);
  return (
    <fieldset
      className={["field", "radio-group", props.error ? "field-invalid" : "", props.className ?? ""].join(" ").trim()}
      aria-describedby={ids.describedBy}
    >
      <legend>{props.label}</legend>
      {props.hint ? (
        <p id={ids.hintId} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      <div className="radio-options">
        {props.options.map((option) => (
          <label key={option.value} className="radio-option">
            <input
              type="radio"
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              aria-invalid={props.error ? true : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={ids.errorId} message={props.error} />
    </fieldset>
  );
}
