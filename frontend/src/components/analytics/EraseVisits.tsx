import { useMutation, useQueryClient } from '@tanstack/react-query';
import { links } from '../../api/endpoints';
import { ErrorAlert } from '../Alert';
import { ConfirmButton } from '../ConfirmButton';

/** Erases the link's recorded visits (raw click events); its daily totals stay. */
export function EraseVisits({ linkId }: { linkId: string }) {
  const queryClient = useQueryClient();
  const erase = useMutation({
    mutationFn: () => links.eraseVisits(linkId),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['visits', linkId] }),
        queryClient.invalidateQueries({ queryKey: ['stats', linkId] }),
      ]);
    },
  });
  return (
    <div className="erase-visits">
      <ConfirmButton
        label="Erase visits"
        question="Erase every recorded visit of this link? Its daily totals stay."
        confirmLabel="Yes, erase visits"
        pending={erase.isPending}
        onConfirm={() => erase.mutate()}
      />
      <p role="status" className="hint">
        {erase.isSuccess ? 'The visits were erased.' : ''}
      </p>
      <ErrorAlert error={erase.error} />
    </div>
  );
}
