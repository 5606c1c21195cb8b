/* The pod sandbox's "pause" process for the local node (tests/support/node.py): it holds the
 * pod's namespaces open, reaps zombies (it is PID 1 of a pod that shares its PID namespace) and
 * exits on SIGINT/SIGTERM. Same job as Kubernetes' build/pause/linux/pause.c, written here because
 * registry.k8s.io cannot be reached; built static (`make cluster-tools`) into an image FROM
 * scratch with this one file. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int signo) {
  (void)signo;
  _exit(0);
}

static void reap(int signo) {
  (void)signo;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction on_stop = {.sa_handler = stop};
  struct sigaction on_child = {.sa_handler = reap, .sa_flags = SA_NOCLDSTOP};
  if (getpid() != 1) {
    fprintf(stderr, "pause: warning: not PID 1\n");
  }
  if (sigaction(SIGINT, &on_stop, NULL) < 0 || sigaction(SIGTERM, &on_stop, NULL) < 0 ||
      sigaction(SIGCHLD, &on_child, NULL) < 0) {
    perror("pause: sigaction");
    return 1;
  }
  for (;;) {
    pause();
  }
}
