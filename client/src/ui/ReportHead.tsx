import type { ReactNode } from 'react';

// The head of a report pane: its title and a download button (CSV), disabled until there is data.

export function ReportHead(props: { id: string; title: ReactNode; downloadText: string; onDownload?: () => void; testId: string }) {
  return (
    <header className="report__head">
      <h2 className="report__title" id={props.id}>
        {props.title}
      </h2>
      <button type="button" className="btn btn--small" disabled={!props.onDownload} onClick={props.onDownload} data-testid={props.testId}>
        {props.downloadText}
      </button>
    </header>
  );
}
