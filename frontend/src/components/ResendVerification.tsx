import { useMutation } from '@tanstack/react-query';
import { auth } from '../api/endpoints';
import { Alert, ErrorAlert } from './Alert';

/** "Send the link again": a new verification link for the signed-in user. */
export function ResendVerification() {
  const resend = useMutation({ mutationFn: auth.resendVerification });
  const sent = resend.data;
  return (
    <>
      {sent ? (
        <Alert kind="success">
          {sent.mailed
            ? `We sent a new link to ${sent.email}. Open it, then come back here.`
            : `A new link for ${sent.email} is ready, but this server sends no mail: its operator finds the link in the server’s log.`}
        </Alert>
      ) : null}
      <ErrorAlert error={resend.error} />
      <button
        type="button"
        className="secondary"
        onClick={() => resend.mutate()}
        disabled={resend.isPending}
      >
        Send the link again
      </button>
    </>
  );
}
