import { BreakdownPanel, COMPARE_BY } from "../features/reports/components/BreakdownPanel.js";

/** Compare: one figure across departments, topics, categories, schools, channels, kinds, requesters or languages. */
export function ReportsComparePage() {
  return (
    <div className="reports__body">
      <BreakdownPanel byOptions={COMPARE_BY} defaultBy="department" />
    </div>
  );
}
