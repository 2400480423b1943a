/* Multipart throughput, receiving side: messages of three frames, each
 * received with zmq_msg_recv into one reused zmq_msg_t, following
 * ZMQ_RCVMORE. The Rust counterpart is examples/perf/local_thr_multipart.rs
 * (Socket::recv_multipart). The report's message size is the sum of the
 * three frames.
 * usage: local_thr_multipart <bind-to> <frame-size> <message-count> */
#include "perf_common.h"

#define FRAMES 3

/* Receives one multipart message; returns its total size, or -1 when it
 * does not have FRAMES frames of `frame_size` bytes. */
static long recv_message (void *s, zmq_msg_t *msg, size_t frame_size)
{
    int frames = 0;
    long total = 0;
    do {
        if (zmq_msg_recv (msg, s, 0) < 0)
            perf_die ("zmq_msg_recv");
        if (zmq_msg_size (msg) != frame_size)
            return -1;
        total += (long) zmq_msg_size (msg);
        frames++;
    } while (zmq_msg_more (msg));
    return frames == FRAMES ? total : -1;
}

int main (int argc, char *argv[])
{
    size_t size;
    int count, i;
    void *ctx, *s, *watch;
    zmq_msg_t msg;

    s = perf_setup (argc, argv,
                    "local_thr_multipart <bind-to> <frame-size> <message-count>",
                    ZMQ_PULL, 1, &ctx, &size, &count);
    zmq_msg_init (&msg);

    perf_check_size ((size_t) recv_message (s, &msg, size), FRAMES * size);
    watch = zmq_stopwatch_start ();
    for (i = 0; i != count - 1; i++)
        perf_check_size ((size_t) recv_message (s, &msg, size),
                         FRAMES * size);
    perf_report (FRAMES * size, count, zmq_stopwatch_stop (watch));

    zmq_msg_close (&msg);
    perf_close (ctx, s);
    return 0;
}
