import type { Child } from "hono/jsx";

export interface Column<T> {
  head: string;
  cell(row: T): Child;
}

/**
 * The console's one table: a header row, a row per item (`data-ref` when `refOf` names it, for
 * tests and links), wrapped so a narrow phone scrolls the table rather than the page.
 */
export function DataTable<T>(props: { columns: Column<T>[]; rows: T[]; refOf?: (row: T) => string }) {
  const { columns, rows, refOf } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th>{c.head}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-ref={refOf?.(row)}>
              {columns.map((c) => (
                <td>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
