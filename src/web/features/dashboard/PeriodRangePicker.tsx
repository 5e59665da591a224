import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Period } from './period';

export interface PeriodRangePickerProps {
  from: string;
  to: string;
  onChange: (range: Period) => void;
  ariaLabel: string;
}

/**
 * The dashboard's 自定义 period. The date picker is one of the larger antd downloads, so the
 * dashboard loads this module only when a custom period is chosen (or opened from a link).
 */
export function PeriodRangePicker({ from, to, onChange, ariaLabel }: PeriodRangePickerProps) {
  return (
    <DatePicker.RangePicker
      allowClear={false}
      value={[dayjs(from), dayjs(to)]}
      onChange={(range) => range?.[0] && range[1] && onChange({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
      aria-label={ariaLabel}
    />
  );
}
