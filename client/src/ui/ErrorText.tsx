// A message next to the thing that failed, announced to screen readers.

export function ErrorText({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}
