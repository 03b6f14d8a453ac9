import type { ReactNode } from 'react';

// The head of a report pane: its title and download buttons (CSV, and Excel when given), disabled until
// there is data.

export function ReportHead(props: {
  id: string;
  title: ReactNode;
  downloadText: string;
  onDownload?: (() => void) | undefined;
  testId: string;
  excelText?: string;
  onExcel?: (() => void) | undefined;
}) {
  return (
    <header className="report__head">
      <h2 className="report__title" id={props.id}>
        {props.title}
      </h2>
      <span className="report__downloads">
        <button type="button" className="btn btn--small" disabled={!props.onDownload} onClick={props.onDownload} data-testid={props.testId}>
          {props.downloadText}
        </button>
        {props.excelText && (
          <button type="button" className="btn btn--small" disabled={!props.onExcel} onClick={props.onExcel} data-testid={`${props.testId}-xlsx`}>
            {props.excelText}
          </button>
        )}
      </span>
    </header>
  );
}
