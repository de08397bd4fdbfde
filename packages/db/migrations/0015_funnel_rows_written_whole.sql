-- The funnel's sync now writes every dimension of a row itself (services/funnel.ts, syncLead):
-- the triggers that set them after each insert rewrote the row just written, three times.
DROP TRIGGER IF EXISTS `funnel_measure_language_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `funnel_measure_referrer_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `funnel_measure_attribution_insert`;
