import type { ReactNode } from "react";

export type Column = { header: string; numeric?: boolean };
export type TableRow = { key: string; cells: ReactNode[] };

/** A report's figures as a table: the first cell of each row is its header (and usually the drill-down link). */
export function DataTable({ caption, columns, rows, empty }: { caption: string; columns: Column[]; rows: TableRow[]; empty?: string }) {
  if (rows.length === 0 && empty) return <p className="report-empty">{empty}</p>;
  return (
    <div className="report-table-wrap">
      <table className="report-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              {r.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.numeric ? "num" : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
