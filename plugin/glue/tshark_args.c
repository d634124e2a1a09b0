/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: what tshark's command line says about its output.
 *
 * Read as tshark 4.0 reads it: short options may be bundled (-nTfields), an
 * option's argument is the rest of its word or the next word, long options
 * take "--name value" or "--name=value", and the first word that is not an
 * option ends the options (the rest is a filter). Anything unexpected means
 * "not sure", and the caller then builds everything.
 */
#include "tshark_args.h"

#include <string.h>

/* Short options of tshark 4.0 that take an argument, and those that don't. */
static const char short_with_arg[] = "aAbBcdeEfFGHijJKMNoORrsStTuUwWXyYzC";
static const char short_flags[] = "2DghIlLnpPqQvVx";

/* Long options that take an argument (the log options are read by
 * Wireshark's logging before tshark sees the rest). */
static const char *const long_with_arg[] = {"autostop",
                                            "ring-buffer",
                                            "buffer-size",
                                            "interface",
                                            "snapshot-length",
                                            "linktype",
                                            "time-stamp-type",
                                            "compress-type",
                                            "temp-dir",
                                            "disable-protocol",
                                            "enable-heuristic",
                                            "disable-heuristic",
                                            "enable-protocol",
                                            "export-objects",
                                            "export-tls-session-keys",
                                            "elastic-mapping-filter",
                                            "capture-comment",
                                            "hexdump",
                                            "selected-frame",
                                            "log-level",
                                            "log-domain",
                                            "log-domains",
                                            "log-file",
                                            "log-fatal",
                                            "log-fatal-domain",
                                            "log-fatal-domains",
                                            "log-debug",
                                            "log-noisy"};
static const char *const long_flags[] = {"help",
                                         "version",
                                         "list-interfaces",
                                         "monitor-mode",
                                         "list-data-link-types",
                                         "no-promiscuous-mode",
                                         "list-time-stamp-types",
                                         "print",
                                         "color",
                                         "no-duplicate-keys"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const char *const *list, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(list[i]) == len && strncmp(list[i], name, len) == 0)
            return true;
    }
    return false;
}

/* Is the program tshark? Its file name, whatever the folder. */
static bool is_tshark(const char *argv0)
{
    if (argv0 == NULL)
        return false;
    const char *base = strrchr(argv0, '/');
    base = base ? base + 1 : argv0;
    return strcmp(base, "tshark") == 0;
}

typedef struct scan {
    bool fields;  /* the last -T was "fields" */
    int n_fields; /* -e options seen */
    tt_args_field_fn on_field;
    void *ctx;
} scan;

static void option(scan *s, char opt, const char *value)
{
    if (opt == 'T')
        s->fields = strcmp(value, "fields") == 0;
    else if (opt == 'e') {
        s->n_fields++;
        if (s->on_field)
            s->on_field(value, s->ctx);
    }
}

/* Reads argv; false if it cannot be read with certainty. With on_field
 * NULL it only checks. */
static bool read_args(int argc, const char *const argv[], scan *s)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break; /* the filter words */
        if (a[1] == '-') {
            if (a[2] == '\0')
                break; /* "--": the end of the options */
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            if (in_list(long_with_arg, COUNT(long_with_arg), name, len)) {
                if (eq == NULL && ++i >= argc)
                    return false;
            } else if (eq != NULL || !in_list(long_flags, COUNT(long_flags), name, len)) {
                return false;
            }
            continue;
        }
        for (int j = 1; a[j] != '\0'; j++) {
            char c = a[j];
            if (strchr(short_flags, c) != NULL)
                continue;
            if (strchr(short_with_arg, c) == NULL)
                return false;
            const char *value = a[j + 1] != '\0' ? a + j + 1 : (++i < argc ? argv[i] : NULL);
            if (value == NULL)
                return false;
            option(s, c, value);
            break;
        }
    }
    return true;
}

bool tt_args_read(int argc, const char *const argv[], tt_args_field_fn on_field, void *ctx,
                  bool *fields_only)
{
    *fields_only = false;
    if (argc < 1 || argv == NULL || !is_tshark(argv[0]))
        return false;
    scan check = {false, 0, NULL, NULL};
    if (!read_args(argc, argv, &check))
        return false;
    /* "-T fields" without -e is an error for tshark: no promise then */
    *fields_only = check.fields && check.n_fields > 0;
    scan s = {false, 0, on_field, ctx};
    read_args(argc, argv, &s);
    return true;
}
