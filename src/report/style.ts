/** @module style: the report's one stylesheet, inlined so the file stands alone. */
export const REPORT_CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; }
body { margin: 0 auto; max-width: 960px; padding: 24px; line-height: 1.45; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 16px 0 6px; }
.verdict { background: #eef5fb; border-left: 6px solid #0072b2; padding: 12px 16px; margin: 16px 0; }
.verdict .answer { font-size: 1.4rem; font-weight: 700; }
.coverage { background: #fff3e0; border-left: 6px solid #e69f00; padding: 8px 16px; margin: 16px 0; }
.subtle, .note, .size { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 6px; text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid #999; }
tr.missing td { background: #fff3e0; }
tr.recommended th, tr.recommended td { font-weight: 700; }
.warnings li { background: #fff8e1; border-left: 4px solid #e69f00; padding: 6px 10px; margin: 4px 0; list-style: none; }
.warnings { padding: 0; }
figure.chart { margin: 8px 0 16px; }
figcaption { font-size: 0.9rem; color: #333; }
svg text { font-size: 12px; fill: #1d1d1f; }
svg text.tick { font-size: 11px; fill: #555; }
svg text.label.best, svg text.total { font-weight: 700; }
svg text.total.incomplete { fill: #b00020; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; padding: 0; list-style: none; margin: 4px 0; }
.legend li { display: flex; align-items: center; gap: 4px; }
.break-even { display: flex; flex-wrap: wrap; gap: 16px; }
.break-even figure { flex: 1 1 420px; max-width: 460px; }
details > summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
a { color: #0059a0; overflow-wrap: anywhere; }
.error { background: #fdecea; border-left: 6px solid #b00020; padding: 12px 16px; }
textarea { width: 100%; min-height: 14rem; font-family: ui-monospace, monospace; font-size: 0.85rem; }
form.workload { display: grid; gap: 8px; margin: 16px 0; }
form.workload button { justify-self: start; padding: 6px 18px; font-size: 1rem; }
@media print { details { display: block; } details > summary { display: none; } }
`;
