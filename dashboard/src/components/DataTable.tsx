import { Fragment, type ReactNode } from 'react';

/** One column: its header and how a row fills its cell. */
export interface Column<T> {
  readonly header: string;
  /** Right-aligned, tabular figures. */
  readonly num?: boolean;
  readonly cell: (row: T) => ReactNode;
  /** Extra class of the cell, e.g. the tone of a P&L. */
  readonly tone?: (row: T) => string;
}

/**
 * The dashboard's tables: columns declared once, rows keyed, a message when there are none, and an
 * optional detail row under a clicked row.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  empty,
  testId,
  rowTestId,
  detail,
  onRowClick,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  empty: ReactNode;
  testId?: string;
  rowTestId?: (row: T) => string;
  /** Shown under a row when it returns something (its fills, say). */
  detail?: (row: T) => ReactNode;
  onRowClick?: (row: T) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} className={c.num ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const more = detail?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr
                  data-testid={rowTestId?.(row)}
                  className={onRowClick ? 'clickable' : undefined}
                  onClick={onRowClick && (() => onRowClick(row))}
                >
                  {columns.map((c) => (
                    <td
                      key={c.header}
                      className={[c.num ? 'num' : '', c.tone?.(row) ?? ''].join(' ').trim() || undefined}
                    >
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
                {more && (
                  <tr className="sub-row">
                    <td colSpan={columns.length}>{more}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
