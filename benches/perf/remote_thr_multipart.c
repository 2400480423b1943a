/* Multipart throughput, sending side: messages of three frames of
 * <frame-size> bytes, each frame copied from the application's buffer with
 * zmq_send (ZMQ_SNDMORE on all but the last). The Rust counterpart is
 * examples/perf/remote_thr_multipart.rs (Socket::send_multipart).
 * usage: remote_thr_multipart <connect-to> <frame-size> <message-count> */
#include "perf_common.h"

int main (int argc, char *argv[])
{
    size_t size;
    int count, i;
    void *ctx, *s;
    char *buf;

    s = perf_setup (argc, argv,
                    "remote_thr_multipart <connect-to> <frame-size> <message-count>",
                    ZMQ_PUSH, 0, &ctx, &size, &count);
    buf = perf_buffer (size);

    for (i = 0; i != count; i++) {
        if (zmq_send (s, buf, size, ZMQ_SNDMORE) < 0
            || zmq_send (s, buf, size, ZMQ_SNDMORE) < 0
            || zmq_send (s, buf, size, 0) < 0)
            perf_die ("zmq_send");
    }

    free (buf);
    perf_close (ctx, s);
    return 0;
}
