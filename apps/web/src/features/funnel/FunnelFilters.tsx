// The funnel's filters: the cohort's first and last day, and optionally one source, line, coordinator, channel, medium, campaign or referring provider; applied together.
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { LEAD_CHANNELS, LEAD_CHANNEL_LABELS, MAX_COHORT_DAYS, type LeadChannel } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { addDays, isRealDay, type Cohort, type FunnelParams } from "./funnelParams.ts";

interface Draft {
  from: string;
  to: string;
  source: string;
  line: string;
  coordinator: string;
  referrer: string;
  channel: string;
  medium: string;
  campaign: string;
}

type Errors = Partial<Record<"from" | "to", string>>;

function check(draft: Draft): { ok: true; params: FunnelParams } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  if (!isRealDay(draft.from)) errors.from = "Enter the first day, like 2026-01-05";
  if (!isRealDay(draft.to)) errors.to = "Enter the last day, like 2026-03-31";
  else if (!errors.from && draft.to < draft.from) errors.to = "The last day is before the first day";
  else if (!errors.from && draft.to > addDays(draft.from, MAX_COHORT_DAYS - 1)) errors.to = "A cohort can span at most five years";
  if (errors.from || errors.to) return { ok: false, errors };
  return {
    ok: true,
    params: {
      from: draft.from,
      to: draft.to,
      source: draft.source || undefined,
      line: draft.line ? Number(draft.line) : undefined,
      coordinator: draft.coordinator ? Number(draft.coordinator) : undefined,
      referrer: draft.referrer ? Number(draft.referrer) : undefined,
      channel: (LEAD_CHANNELS as readonly string[]).includes(draft.channel) ? (draft.channel as LeadChannel) : undefined,
      medium: draft.medium.trim() || undefined,
      campaign: draft.campaign || undefined,
    },
  };
}

interface Props {
  params: FunnelParams;
  cohort: Cohort;
  onApply: (params: FunnelParams) => void;
}

/** Mounted afresh (by key) whenever the URL changes, so Back and Forward show the filters in force. */
export function FunnelFilters({ params, cohort, onApply }: Props) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>({
    from: cohort.from,
    to: cohort.through,
    source: params.source ?? "",
    line: params.line === undefined ? "" : String(params.line),
    coordinator: params.coordinator === undefined ? "" : String(params.coordinator),
    referrer: params.referrer === undefined ? "" : String(params.referrer),
    channel: params.channel ?? "",
    medium: params.medium ?? "",
    campaign: params.campaign ?? "",
  });
  const [errors, setErrors] = useState<Errors>({});
  // The choices come from the whole cohort, whatever else is filtered, so narrowing one never hides the others.
  const range = { from: cohort.from, to: addDays(cohort.through, 1) };
  const lines = useQuery(trpc.line.list.queryOptions());
  const sources = useQuery(trpc.report.bySource.queryOptions(range));
  const coordinators = useQuery(trpc.report.byCoordinator.queryOptions(range));
  const referrers = useQuery(trpc.report.byReferrer.queryOptions(range));
  const campaigns = useQuery(trpc.report.byCampaign.queryOptions(range));

  const sourceNames = (sources.data?.groups ?? []).map((g) => g.source).filter((s): s is string => s !== null);
  if (params.source && !sourceNames.includes(params.source)) sourceNames.push(params.source);
  const campaignNames = (campaigns.data?.groups ?? []).map((g) => g.campaign).filter((c): c is string => c !== null);
  if (params.campaign && !campaignNames.includes(params.campaign)) campaignNames.push(params.campaign);
  const people = (coordinators.data?.groups ?? []).filter((g): g is typeof g & { coordinatorId: number } => g.coordinatorId !== null);
  const providers = (referrers.data?.groups ?? []).filter((g): g is typeof g & { referrerId: number } => g.referrerId !== null);

  function set(field: keyof Draft, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field === "from" || field === "to") setErrors(({ [field]: _fixed, ...rest }) => rest);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = checked.errors.from ? "funnel-from" : "funnel-to";
      document.getElementById(first)?.focus();
      return;
    }
    setErrors({});
    onApply(checked.params);
  }

  return (
    <form className="funnel-filters" aria-label="Funnel filters" onSubmit={onSubmit} noValidate>
      <TextField id="funnel-from" label="First day" type="date" value={draft.from} error={errors.from} onChange={(e) => set("from", e.target.value)} />
      <TextField id="funnel-to" label="Last day (included)" type="date" value={draft.to} error={errors.to} onChange={(e) => set("to", e.target.value)} />
      <SelectField label="Source" value={draft.source} onChange={(e) => set("source", e.target.value)}>
        <option value="">All sources</option>
        {sourceNames.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <SelectField label="Line" value={draft.line} onChange={(e) => set("line", e.target.value)}>
        <option value="">All lines</option>
        {(lines.data ?? []).map((l) => (
          <option key={l.id} value={String(l.id)}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Coordinator" value={draft.coordinator} onChange={(e) => set("coordinator", e.target.value)}>
        <option value="">All coordinators</option>
        {people.map((p) => (
          <option key={p.coordinatorId} value={String(p.coordinatorId)}>
            {p.name}
          </option>
        ))}
        {params.coordinator !== undefined && !people.some((p) => p.coordinatorId === params.coordinator) ? (
          <option value={String(params.coordinator)}>User {params.coordinator}</option>
        ) : null}
      </SelectField>
      <SelectField label="Referring provider" value={draft.referrer} onChange={(e) => set("referrer", e.target.value)}>
        <option value="">All leads, referred or not</option>
        {providers.map((p) => (
          <option key={p.referrerId} value={String(p.referrerId)}>
            {p.name}
          </option>
        ))}
        {params.referrer !== undefined && !providers.some((p) => p.referrerId === params.referrer) ? (
          <option value={String(params.referrer)}>Provider {params.referrer}</option>
        ) : null}
      </SelectField>
      <SelectField label="Came in by" value={draft.channel} onChange={(e) => set("channel", e.target.value)}>
        <option value="">All channels</option>
        {LEAD_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {LEAD_CHANNEL_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <TextField label="Medium" hint="As the link recorded it, e.g. cpc" value={draft.medium} maxLength={100} onChange={(e) => set("medium", e.target.value)} />
      <SelectField label="Campaign" value={draft.campaign} onChange={(e) => set("campaign", e.target.value)}>
        <option value="">All campaigns</option>
        {campaignNames.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      <div className="funnel-filter-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <button type="button" className="button button-secondary" onClick={() => onApply({})}>
          Last 90 days, all leads
        </button>
      </div>
    </form>
  );
}
