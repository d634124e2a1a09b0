/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach core: capture times in whole microseconds.
 *
 * Wireshark keeps times in seconds and nanoseconds; the core counts whole
 * microseconds. A duration (an RTT) is rounded to the nearest microsecond:
 * 0.000020814 s is 21 microseconds (0.021 ms), as a student who rounds the
 * time Wireshark shows gets it; a segment's time is cut, as the packet
 * list's Time column cuts it. Pure C11.
 */
#ifndef TCPTEACH_TIMEUS_H
#define TCPTEACH_TIMEUS_H

#include <stdint.h>

/* secs and nsecs (0..999999999) as microseconds, rounded half up; 0 for a
 * negative time. */
static inline uint64_t tt_time_us(int64_t secs, int32_t nsecs)
{
    if (secs < 0 || nsecs < 0)
        return 0;
    return (uint64_t)secs * 1000000u + ((uint64_t)nsecs + 500u) / 1000u;
}

/* secs and nsecs as whole microseconds, cut as Wireshark's Time column cuts
 * them (0.000034852 s shows as 0.000034): the time a document prints
 * beside a segment is the one the packet list shows. 0 for a negative
 * time. */
static inline uint64_t tt_time_us_cut(int64_t secs, int32_t nsecs)
{
    if (secs < 0 || nsecs < 0)
        return 0;
    return (uint64_t)secs * 1000000u + (uint64_t)nsecs / 1000u;
}

/* Microseconds rounded to whole milliseconds, half up. */
static inline uint64_t tt_time_ms(uint64_t us)
{
    return us / 1000u + (us % 1000u >= 500u ? 1u : 0u);
}

#endif
