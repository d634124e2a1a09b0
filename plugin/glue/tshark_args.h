/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: what tshark's command line says about its output.
 *
 * `tshark -T fields -e ...` prints only the fields named with -e, yet
 * tshark 4.0 builds the whole visible tree for it, so a dissector cannot
 * ask Wireshark which of its fields will be printed (later releases prime
 * the -e fields and build an invisible tree instead). Reading the command
 * line gives the same answer. Pure C: no Wireshark, no GLib.
 */
#ifndef TCPTEACH_TSHARK_ARGS_H
#define TCPTEACH_TSHARK_ARGS_H

#include <stdbool.h>

/* Called for each -e field name, in order. */
typedef void (*tt_args_field_fn)(const char *name, void *ctx);

/* Reads a tshark command line. True when argv is one and could be read
 * with certainty; on_field (may be NULL) then sees each -e field name, and
 * *fields_only tells whether the output is only those fields (the last -T
 * is "fields"). False, without calling on_field, for any other program and
 * whenever there is doubt (an unknown option, a missing option argument). */
bool tt_args_read(int argc, const char *const argv[], tt_args_field_fn on_field, void *ctx,
                  bool *fields_only);

#endif
