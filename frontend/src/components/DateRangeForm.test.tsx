import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DateRangeForm } from './DateRangeForm';

describe('date range picker', () => {
  it('applies a valid range and refuses a reversed one', async () => {
    const onChange = vi.fn();
    render(<DateRangeForm range={{ from: '2026-01-01', to: '2026-01-31' }} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-10' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(onChange).toHaveBeenLastCalledWith({ from: '2026-01-10', to: '2026-01-31' });

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-10' } });
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(
      'Choose a start date on or before the end date.',
    );
  });
});
