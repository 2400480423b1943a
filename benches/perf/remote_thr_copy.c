/* Copy-semantics throughput, sending side: zmq_send from the application's
 * own buffer (libzmq copies it). The Rust counterpart is
 * examples/perf/remote_thr_copy.rs (Socket::send(&[u8])).
 * usage: remote_thr_copy <connect-to> <message-size> <message-count> */
#include "perf_common.h"

int main (int argc, char *argv[])
{
    size_t size;
    int count, i;
    void *ctx, *s;
    char *buf;

    s = perf_setup (argc, argv,
                    "remote_thr_copy <connect-to> <message-size> <message-count>",
                    ZMQ_PUSH, 0, &ctx, &size, &count);
    buf = perf_buffer (size);

    for (i = 0; i != count; i++)
        if (zmq_send (s, buf, size, 0) < 0)
            perf_die ("zmq_send");

    free (buf);
    perf_close (ctx, s);
    return 0;
}
