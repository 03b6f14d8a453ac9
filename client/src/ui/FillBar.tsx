// A horizontal gauge of a share (0…1, clamped for drawing); colour class comes from the caller.

export interface FillBarProps {
  share: number;
  level: string;
  label: string;
  valueText: string;
}

export function FillBar({ share, level, label, valueText }: FillBarProps) {
  const width = Math.max(0, Math.min(1, share)) * 100;
  return (
    <div
      className="fillbar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(share * 100)}
      aria-valuetext={valueText}
    >
      <div className={`fillbar__fill fillbar__fill--${level}`} style={{ width: `${width}%` }} />
    </div>
  );
}
