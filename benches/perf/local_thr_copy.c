/* Copy-semantics throughput, receiving side: what most C applications
 * write, zmq_recv into their own buffer. The Rust counterpart is
 * examples/perf/local_thr_copy.rs (Socket::recv_into).
 * usage: local_thr_copy <bind-to> <message-size> <message-count> */
#include "perf_common.h"

int main (int argc, char *argv[])
{
    size_t size;
    int count, i, rc;
    void *ctx, *s, *watch;
    char *buf;

    s = perf_setup (argc, argv,
                    "local_thr_copy <bind-to> <message-size> <message-count>",
                    ZMQ_PULL, 1, &ctx, &size, &count);
    buf = perf_buffer (size);

    rc = zmq_recv (s, buf, size, 0);
    if (rc < 0)
        perf_die ("zmq_recv");
    perf_check_size ((size_t) rc, size);

    watch = zmq_stopwatch_start ();
    for (i = 0; i != count - 1; i++) {
        rc = zmq_recv (s, buf, size, 0);
        if (rc < 0)
            perf_die ("zmq_recv");
        perf_check_size ((size_t) rc, size);
    }
    perf_report (size, count, zmq_stopwatch_stop (watch));

    free (buf);
    perf_close (ctx, s);
    return 0;
}
