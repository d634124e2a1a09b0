/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach-redissect: proves that re-dissecting frames in any order gives
 * the same tcpteach annotations as re-dissecting them in capture order.
 *
 * tshark only dissects in capture order; the Wireshark GUI re-dissects a
 * frame whenever the user clicks it or scrolls it into view, in whatever
 * order that happens. This program drives libwireshark like the GUI does:
 *
 *   first pass  every frame in capture order, with a protocol tree that is
 *               not visible and the hfids post-dissectors want primed, as
 *               Wireshark and tshark do when they read a file;
 *   pass A      every frame again in capture order, with a visible tree and
 *               the columns (like tshark -2 printing the tree);
 *   pass B      the packet-list rows (columns) and the packet-details trees
 *               (visible tree) of all frames, in a pseudo-random order drawn
 *               from SEED, like clicks and scrolling in the GUI;
 *   pass C      the same as B, in reverse capture order.
 *
 * Each dissection records every item of the tcpteach protocol found in the
 * tree (field name, value, bytes, label, depth) and the Info column. Passes
 * B and C must match pass A frame by frame; every frame with a TCP layer
 * must carry a tcpteach.role.
 *
 * Usage: tcpteach-redissect [--dump] [-o NAME:VALUE]... CAPTURE [SEED]
 * Exit status: 0 identical, 1 differences, 2 usage or set-up error (e.g.
 * the tcpteach plugin was not loaded).
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include <epan/column.h>
#include <epan/column-info.h>
#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/frame_data.h>
#include <epan/frame_data_sequence.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/timestamp.h>
#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/filesystem.h>
#include <wsutil/privileges.h>
#include <wsutil/report_message.h>
#include <wsutil/wslog.h>

#include "compat.h"

#define PROGRAM "tcpteach-redissect"
#define DEFAULT_SEED UINT64_C(0x7c9e3a15d2b4f086)
#define MAX_REPORTED 10

/* ---- the packet provider: what libwireshark asks the application ---- */

struct packet_provider_data {
    wtap *wth;
    frame_data_sequence *frames;
    const frame_data *ref;
    frame_data *prev_dis;
    frame_data *prev_cap;
};

static const nstime_t *provider_frame_ts(struct packet_provider_data *prov, guint32 frame_num)
{
    if (prov->ref != NULL && prov->ref->num == frame_num)
        return &prov->ref->abs_ts;
    if (prov->prev_dis != NULL && prov->prev_dis->num == frame_num)
        return &prov->prev_dis->abs_ts;
    if (prov->prev_cap != NULL && prov->prev_cap->num == frame_num)
        return &prov->prev_cap->abs_ts;
    if (prov->frames != NULL) {
        const frame_data *fd = frame_data_sequence_find(prov->frames, frame_num);
        return fd != NULL ? &fd->abs_ts : NULL;
    }
    return NULL;
}

static const char *interface_option(struct packet_provider_data *prov, guint32 interface_id,
                                    const guint *options, size_t n_options)
{
    wtapng_iface_descriptions_t *idb_info = wtap_file_get_idb_info(prov->wth);
    wtap_block_t descr = NULL;
    if (interface_id < idb_info->interface_data->len)
        descr = g_array_index(idb_info->interface_data, wtap_block_t, interface_id);
    g_free(idb_info);
    for (size_t i = 0; descr != NULL && i < n_options; i++) {
        char *value;
        if (wtap_block_get_string_option_value(descr, options[i], &value) == WTAP_OPTTYPE_SUCCESS)
            return value;
    }
    return NULL;
}

static const char *provider_interface_name(TT_IFACE_LOOKUP_PARAMS)
{
    TT_IFACE_SECTION_UNUSED();
    static const guint options[] = {OPT_IDB_NAME, OPT_IDB_DESCRIPTION, OPT_IDB_HARDWARE};
    const char *name = interface_option(prov, interface_id, options, G_N_ELEMENTS(options));
    return name != NULL ? name : "unknown";
}

static const char *provider_interface_description(TT_IFACE_LOOKUP_PARAMS)
{
    TT_IFACE_SECTION_UNUSED();
    static const guint options[] = {OPT_IDB_DESCRIPTION};
    return interface_option(prov, interface_id, options, G_N_ELEMENTS(options));
}

static const struct packet_provider_funcs provider_funcs = {
    .get_frame_ts = provider_frame_ts,
    .get_interface_name = provider_interface_name,
    .get_interface_description = provider_interface_description,
};

/* ---- messages from libwireshark ---- */

static void vfailure(const char *fmt, va_list ap)
{
    fprintf(stderr, PROGRAM ": ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
}

static void open_failure(const char *filename, int err, tt_report_bool for_writing)
{
    fprintf(stderr, PROGRAM ": can't open %s%s: %s\n", filename, for_writing ? " for writing" : "",
            g_strerror(err));
}

static void read_failure(const char *filename, int err)
{
    fprintf(stderr, PROGRAM ": error reading %s: %s\n", filename, g_strerror(err));
}

static void write_failure(const char *filename, int err)
{
    fprintf(stderr, PROGRAM ": error writing %s: %s\n", filename, g_strerror(err));
}

static void cfile_failure(const char *filename, int err, gchar *err_info)
{
    fprintf(stderr, PROGRAM ": %s: %s%s%s\n", filename, wtap_strerror(err),
            err_info != NULL ? ": " : "", err_info != NULL ? err_info : "");
    g_free(err_info);
}

static void cfile_dump_open_failure(const char *filename, int err, gchar *err_info, int type)
{
    (void)type;
    cfile_failure(filename, err, err_info);
}

static void cfile_write_failure(const char *in_filename, const char *out_filename, int err,
                                gchar *err_info, tt_report_frame framenum, int type)
{
    (void)in_filename;
    (void)framenum;
    (void)type;
    cfile_failure(out_filename, err, err_info);
}

#if TT_REPORT_HAS_RENAME_FAILURE
static void rename_failure(const char *old_filename, const char *new_filename, int err)
{
    fprintf(stderr, PROGRAM ": can't rename %s to %s: %s\n", old_filename, new_filename,
            g_strerror(err));
}
#endif

static const struct report_message_routines report_routines = {
    .vreport_failure = vfailure,
    .vreport_warning = vfailure,
    .report_open_failure = open_failure,
    .report_read_failure = read_failure,
    .report_write_failure = write_failure,
#if TT_REPORT_HAS_RENAME_FAILURE
    .report_rename_failure = rename_failure,
#endif
    .report_cfile_open_failure = cfile_failure,
    .report_cfile_dump_open_failure = cfile_dump_open_failure,
    .report_cfile_read_failure = cfile_failure,
    .report_cfile_write_failure = cfile_write_failure,
    .report_cfile_close_failure = cfile_failure,
};

/* ---- what one dissection shows of tcpteach ---- */

typedef struct annotation {
    char *tree; /* one line per tcpteach item, in tree order */
    char *info; /* the Info column, or NULL when not computed */
    bool has_tcp;
    bool has_role;
    guint errors; /* exceptions thrown inside tcpteach */
} annotation;

typedef struct walk_ctx {
    GString *out;
    const packet_info *pinfo;
    int depth;
    bool has_tcp;
    bool has_role;
    guint errors;
} walk_ctx;

static bool is_tcpteach(const char *abbrev)
{
    return strcmp(abbrev, "tcpteach") == 0 || strncmp(abbrev, "tcpteach.", 9) == 0;
}

/* The items show_exception() adds when a dissector throws. */
static bool is_exception(const char *abbrev)
{
    return strcmp(abbrev, "_ws.malformed") == 0 || strcmp(abbrev, "_ws.short") == 0 ||
           strcmp(abbrev, "_ws.unreassembled") == 0;
}

/* "Frame (74 bytes)", "Reassembled TCP (...)"; empty for no bytes. */
static void append_source(GString *out, const packet_info *pinfo, const tvbuff_t *ds)
{
    if (ds == NULL) {
        g_string_append(out, "-");
        return;
    }
    for (GSList *l = pinfo->data_src; l != NULL; l = l->next) {
        const struct data_source *src = (const struct data_source *)l->data;
        if (get_data_source_tvb(src) == ds) {
            char *name = TT_DATA_SOURCE_NAME(src);
            g_string_append(out, name);
            wmem_free(NULL, name);
            return;
        }
    }
    g_string_append(out, "?");
}

/* The line the GUI shows: the item's own text, else the generated one. */
static void item_label(field_info *fi, char *label)
{
    label[0] = '\0';
    if (fi->rep != NULL)
        g_strlcpy(label, fi->rep->representation, ITEM_LABEL_LENGTH);
    else
        TT_FILL_LABEL(fi, label);
}

static void describe_item(walk_ctx *w, field_info *fi)
{
    const header_field_info *hfi = fi->hfinfo;
    GString *out = w->out;
    g_string_append_printf(out, "%*s%s", 2 * w->depth, "", hfi->abbrev);
    if (hfi->type != FT_PROTOCOL && hfi->type != FT_NONE) {
        char *value = fvalue_to_string_repr(NULL, TT_FI_VALUE(fi), FTREPR_DISPLAY, hfi->display);
        g_string_append_printf(out, " = %s", value != NULL ? value : "(null)");
        wmem_free(NULL, value);
    }
    g_string_append(out, " [");
    append_source(out, w->pinfo, fi->ds_tvb);
    g_string_append_printf(out, " %d+%d%s%s] ", fi->start, fi->length,
                           FI_GET_FLAG(fi, FI_GENERATED) ? " generated" : "",
                           FI_GET_FLAG(fi, FI_HIDDEN) ? " hidden" : "");
    char label[ITEM_LABEL_LENGTH];
    item_label(fi, label);
    g_string_append_printf(out, "\"%s\"\n", label);
}

static void walk_node(proto_node *node, gpointer data)
{
    walk_ctx *w = (walk_ctx *)data;
    field_info *fi = PNODE_FINFO(node);
    if (fi != NULL && fi->hfinfo != NULL) {
        const char *abbrev = fi->hfinfo->abbrev;
        if (strcmp(abbrev, "tcp") == 0)
            w->has_tcp = true;
        if (is_tcpteach(abbrev)) {
            describe_item(w, fi);
            if (strcmp(abbrev, "tcpteach.role") == 0)
                w->has_role = true;
        } else if (is_exception(abbrev)) {
            /* "[Dissector bug, protocol tcpteach: ...]", "[Malformed
             * Packet: tcpteach]": the plugin threw an exception. */
            char label[ITEM_LABEL_LENGTH];
            item_label(fi, label);
            if (strstr(label, "tcpteach") != NULL) {
                g_string_append_printf(w->out, "%*sEXCEPTION IN TCPTEACH: %s\n", 2 * w->depth, "",
                                       label);
                w->errors++;
            }
        }
    }
    w->depth++;
    proto_tree_children_foreach(node, walk_node, w);
    w->depth--;
}

static void record_tree(annotation *a, const epan_dissect_t *edt)
{
    walk_ctx w = {g_string_new(NULL), &edt->pi, 0, false, false, 0};
    if (edt->tree != NULL)
        proto_tree_children_foreach(edt->tree, walk_node, &w);
    g_free(a->tree);
    a->tree = g_string_free(w.out, FALSE);
    a->has_tcp = w.has_tcp;
    a->has_role = w.has_role;
    a->errors = w.errors;
}

static void record_info(annotation *a, column_info *cinfo)
{
    const char *info = col_get_text(cinfo, COL_INFO);
    g_free(a->info);
    a->info = g_strdup(info != NULL ? info : "");
}

static void free_annotations(annotation *as, guint32 n)
{
    for (guint32 i = 0; as != NULL && i < n; i++) {
        g_free(as[i].tree);
        g_free(as[i].info);
    }
    g_free(as);
}

/* ---- the capture ---- */

typedef struct capture {
    const char *path;
    struct packet_provider_data prov;
    epan_t *session;
    int file_type;
    guint32 count;
    frame_data ref_frame;
    nstime_t elapsed;
    guint32 cum_bytes;
    column_info cinfo;
    wtap_rec rec;
    Buffer buf;
} capture;

/* The frame's bytes, as the application hands them to libwireshark. */
static tvbuff_t *frame_tvb(capture *cap, const frame_data *fd)
{
    return tvb_new_real_data(TT_REC_BYTES(&cap->rec, &cap->buf), fd->cap_len,
                             fd->pkt_len > G_MAXINT ? G_MAXINT : (gint)fd->pkt_len);
}

static bool first_pass(capture *cap)
{
    int err = 0;
    gchar *err_info = NULL;
    gint64 offset;
    cap->prov.frames = new_frame_data_sequence();
    epan_dissect_t *edt = epan_dissect_new(cap->session, TRUE, FALSE);
    while (TT_WTAP_READ(cap->prov.wth, &cap->rec, &cap->buf, &err, &err_info, &offset)) {
        frame_data fd;
        frame_data_init(&fd, cap->count + 1, &cap->rec, offset, cap->cum_bytes);
        TT_PRIME_POSTDISSECTOR_FIELDS(edt);
        frame_data_set_before_dissect(&fd, &cap->elapsed, &cap->prov.ref, cap->prov.prev_dis);
        if (cap->prov.ref == &fd) {
            cap->ref_frame = fd;
            cap->prov.ref = &cap->ref_frame;
        }
        TT_DISSECT_RUN(epan_dissect_run_with_taps, edt, cap->file_type, &cap->rec,
                       frame_tvb(cap, &fd), &fd, &cap->cinfo);
        frame_data_set_after_dissect(&fd, &cap->cum_bytes);
        cap->prov.prev_cap = cap->prov.prev_dis = frame_data_sequence_add(cap->prov.frames, &fd);
        cap->count++;
        epan_dissect_reset(edt);
        wtap_rec_reset(&cap->rec);
    }
    epan_dissect_free(edt);
    wtap_sequential_close(cap->prov.wth);
    postseq_cleanup_all_protocols();
    cap->prov.prev_dis = NULL;
    cap->prov.prev_cap = NULL;
    if (err != 0) {
        cfile_failure(cap->path, err, err_info);
        return false;
    }
    return true;
}

static frame_data *read_frame(capture *cap, guint32 num)
{
    int err = 0;
    gchar *err_info = NULL;
    frame_data *fd = frame_data_sequence_find(cap->prov.frames, num);
    wtap_rec_reset(&cap->rec);
    if (fd == NULL ||
        !TT_WTAP_SEEK_READ(cap->prov.wth, fd->file_off, &cap->rec, &cap->buf, &err, &err_info)) {
        fprintf(stderr, PROGRAM ": can't read frame %u again\n", num);
        if (err != 0)
            cfile_failure(cap->path, err, err_info);
        return NULL;
    }
    return fd;
}

/* Pass A: capture order, a visible tree and the columns in one dissection,
 * like tshark's second pass. */
static bool pass_sequential(capture *cap, annotation *out)
{
    epan_dissect_t *edt = epan_dissect_new(cap->session, TRUE, TRUE);
    bool ok = true;
    for (guint32 num = 1; num <= cap->count; num++) {
        frame_data *fd = read_frame(cap, num);
        if (fd == NULL) {
            ok = false;
            break;
        }
        frame_data_set_before_dissect(fd, &cap->elapsed, &cap->prov.ref, cap->prov.prev_dis);
        TT_DISSECT_RUN(epan_dissect_run_with_taps, edt, cap->file_type, &cap->rec,
                       frame_tvb(cap, fd), fd, &cap->cinfo);
        record_tree(&out[num - 1], edt);
        record_info(&out[num - 1], &cap->cinfo);
        frame_data_set_after_dissect(fd, &cap->cum_bytes);
        cap->prov.prev_dis = cap->prov.prev_cap = fd;
        epan_dissect_reset(edt);
    }
    epan_dissect_free(edt);
    cap->prov.prev_dis = NULL;
    cap->prov.prev_cap = NULL;
    return ok;
}

/* One GUI event: a packet-list row (columns, tree not visible) or a click
 * on the packet (visible tree, no columns), as the Qt packet list and
 * cf_select_packet() do. */
static bool dissect_event(capture *cap, guint32 num, bool row, annotation *out)
{
    frame_data *fd = read_frame(cap, num);
    if (fd == NULL)
        return false;
    epan_dissect_t *edt = epan_dissect_new(cap->session, TRUE, row ? FALSE : TRUE);
    TT_DISSECT_RUN(epan_dissect_run, edt, cap->file_type, &cap->rec, frame_tvb(cap, fd), fd,
                   row ? &cap->cinfo : NULL);
    if (row)
        record_info(&out[num - 1], &cap->cinfo);
    else
        record_tree(&out[num - 1], edt);
    epan_dissect_free(edt);
    return true;
}

static uint64_t xorshift64(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

/* Events 0..2n-1: event e is frame e/2 + 1, a row when e is even. */
static guint32 *shuffled_events(guint32 n, uint64_t seed)
{
    guint32 *ev = g_new(guint32, (gsize)2 * n);
    uint64_t state = seed != 0 ? seed : DEFAULT_SEED;
    for (guint32 i = 0; i < 2 * n; i++)
        ev[i] = i;
    for (guint32 i = 2 * n; i > 1; i--) {
        guint32 j = (guint32)(xorshift64(&state) % i);
        guint32 t = ev[i - 1];
        ev[i - 1] = ev[j];
        ev[j] = t;
    }
    return ev;
}

static bool pass_events(capture *cap, const guint32 *events, annotation *out)
{
    for (guint32 i = 0; i < 2 * cap->count; i++) {
        if (!dissect_event(cap, events[i] / 2 + 1, events[i] % 2 == 0, out))
            return false;
    }
    return true;
}

static guint32 *reverse_events(guint32 n)
{
    guint32 *ev = g_new(guint32, (gsize)2 * n);
    for (guint32 i = 0; i < 2 * n; i++)
        ev[i] = 2 * n - 1 - i;
    return ev;
}

/* ---- comparing ---- */

/* The first line where a and b differ, into *la and *lb (g_free them). */
static int first_different_line(const char *a, const char *b, char **la, char **lb)
{
    int line = 1;
    for (;;) {
        const char *ea = strchr(a, '\n');
        const char *eb = strchr(b, '\n');
        size_t na = ea != NULL ? (size_t)(ea - a) : strlen(a);
        size_t nb = eb != NULL ? (size_t)(eb - b) : strlen(b);
        if (na != nb || memcmp(a, b, na) != 0 || (ea == NULL) != (eb == NULL)) {
            *la = (na > 0 || ea != NULL) ? g_strndup(a, na) : g_strdup("(nothing)");
            *lb = (nb > 0 || eb != NULL) ? g_strndup(b, nb) : g_strdup("(nothing)");
            return line;
        }
        if (ea == NULL)
            return 0;
        a = ea + 1;
        b = eb + 1;
        line++;
    }
}

static guint32 compare(const char *name, const annotation *ref, const annotation *got, guint32 n)
{
    guint32 differing = 0;
    for (guint32 i = 0; i < n; i++) {
        char *la = NULL;
        char *lb = NULL;
        int line = first_different_line(ref[i].tree, got[i].tree, &la, &lb);
        bool info_differs = strcmp(ref[i].info, got[i].info) != 0;
        if (line == 0 && !info_differs)
            continue;
        if (++differing <= MAX_REPORTED) {
            if (line != 0)
                printf("frame %u: tcpteach item %d differs\n  in capture order: %s\n  in %s: "
                       "%s\n",
                       i + 1, line, la, name, lb);
            if (info_differs)
                printf("frame %u: Info column differs\n  in capture order: %s\n  in %s: %s\n",
                       i + 1, ref[i].info, name, got[i].info);
        }
        g_free(la);
        g_free(lb);
    }
    if (differing > MAX_REPORTED)
        printf("... and %u more frames differ in %s\n", differing - MAX_REPORTED, name);
    return differing;
}

/* Frames with a TCP layer but no role, or where tcpteach threw. */
static guint32 broken_frames(const char *name, const annotation *a, guint32 n)
{
    guint32 broken = 0;
    for (guint32 i = 0; i < n; i++) {
        bool no_role = a[i].has_tcp && !a[i].has_role;
        if (!no_role && a[i].errors == 0)
            continue;
        if (++broken > MAX_REPORTED)
            continue;
        if (no_role)
            printf("frame %u: has a TCP layer but no tcpteach.role in %s\n", i + 1, name);
        if (a[i].errors != 0)
            printf("frame %u: tcpteach threw an exception in %s (see --dump)\n", i + 1, name);
    }
    return broken;
}

static void dump(const annotation *a, guint32 n)
{
    for (guint32 i = 0; i < n; i++) {
        printf("frame %u\n  info: %s\n%s\n", i + 1, a[i].info, a[i].tree);
    }
}

/* ---- main ---- */

typedef struct options {
    bool dump;
    const char *capture;
    uint64_t seed;
    GPtrArray *prefs; /* "name:value" strings for prefs_set_pref() */
} options;

static void usage(void)
{
    fprintf(stderr, "usage: " PROGRAM " [--dump] [-o NAME:VALUE]... CAPTURE [SEED]\n");
}

static bool parse_args(int argc, char **argv, options *opt)
{
    int positional = 0;
    opt->seed = DEFAULT_SEED;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dump") == 0) {
            opt->dump = true;
        } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            g_ptr_array_add(opt->prefs, argv[++i]);
        } else if (strncmp(argv[i], "-o", 2) == 0 && argv[i][2] != '\0') {
            g_ptr_array_add(opt->prefs, argv[i] + 2);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, PROGRAM ": unknown option %s\n", argv[i]);
            return false;
        } else if (positional == 0) {
            opt->capture = argv[i];
            positional++;
        } else if (positional == 1) {
            char *end;
            errno = 0;
            opt->seed = g_ascii_strtoull(argv[i], &end, 0);
            if (errno != 0 || *end != '\0' || end == argv[i]) {
                fprintf(stderr, PROGRAM ": SEED must be a number, not %s\n", argv[i]);
                return false;
            }
            positional++;
        } else {
            return false;
        }
    }
    return opt->capture != NULL;
}

static void vcmdarg_err(const char *fmt, va_list ap)
{
    vfailure(fmt, ap);
}

static bool apply_prefs(GPtrArray *prefs)
{
    for (guint i = 0; i < prefs->len; i++) {
        char *errmsg = NULL;
        const char *arg = (const char *)g_ptr_array_index(prefs, i);
        char *copy = g_strdup(arg);
        prefs_set_pref_e r = prefs_set_pref(copy, &errmsg);
        g_free(copy);
        if (r != PREFS_SET_OK) {
            fprintf(stderr, PROGRAM ": invalid preference -o %s%s%s\n", arg,
                    errmsg != NULL ? ": " : "", errmsg != NULL ? errmsg : "");
            g_free(errmsg);
            return false;
        }
    }
    prefs_apply_all();
    return true;
}

static bool open_capture(capture *cap)
{
    int err = 0;
    gchar *err_info = NULL;
    cap->prov.wth = wtap_open_offline(cap->path, WTAP_TYPE_AUTO, &err, &err_info, TRUE);
    if (cap->prov.wth == NULL) {
        cfile_failure(cap->path, err, err_info);
        return false;
    }
    cap->file_type = wtap_file_type_subtype(cap->prov.wth);
    cap->session = epan_new(&cap->prov, &provider_funcs);
    return true;
}

static void close_capture(capture *cap)
{
    if (cap->session != NULL)
        epan_free(cap->session);
    if (cap->prov.frames != NULL)
        free_frame_data_sequence(cap->prov.frames);
    if (cap->prov.wth != NULL)
        wtap_close(cap->prov.wth);
}

/* The three passes and their comparison: 0 identical, 1 not, 2 error. */
static int check(capture *cap, const options *opt)
{
    if (!first_pass(cap))
        return 2;
    guint32 n = cap->count;
    annotation *a = g_new0(annotation, n);
    annotation *b = g_new0(annotation, n);
    annotation *c = g_new0(annotation, n);
    guint32 *random_order = shuffled_events(n, opt->seed);
    guint32 *reverse_order = reverse_events(n);
    int status = 2;
    if (pass_sequential(cap, a) && pass_events(cap, random_order, b) &&
        pass_events(cap, reverse_order, c)) {
        if (opt->dump)
            dump(a, n);
        char name[64];
        snprintf(name, sizeof name, "random order (seed %" G_GUINT64_FORMAT ")", opt->seed);
        guint32 bad = compare(name, a, b, n) + compare("reverse order", a, c, n);
        guint32 broken = broken_frames("capture order", a, n) + broken_frames(name, b, n) +
                         broken_frames("reverse order", c, n);
        guint32 annotated = 0;
        for (guint32 i = 0; i < n; i++)
            annotated += a[i].has_role ? 1 : 0;
        if (bad == 0 && broken == 0) {
            printf("%u frames (%u with tcpteach annotations), identical in sequential, random "
                   "(seed %" G_GUINT64_FORMAT ") and reverse order\n",
                   n, annotated, opt->seed);
            status = 0;
        } else {
            printf("FAILED: %u differences from capture order; %u TCP frames without a role "
                   "or with an exception in tcpteach\n",
                   bad, broken);
            status = 1;
        }
    }
    g_free(random_order);
    g_free(reverse_order);
    free_annotations(a, n);
    free_annotations(b, n);
    free_annotations(c, n);
    return status;
}

int main(int argc, char **argv)
{
    options opt = {false, NULL, DEFAULT_SEED, g_ptr_array_new()};
    setlocale(LC_ALL, "");
    if (!parse_args(argc, argv, &opt)) {
        usage();
        g_ptr_array_free(opt.prefs, TRUE);
        return 2;
    }
    TT_LOG_INIT(PROGRAM, vcmdarg_err);
    init_process_policies();
    relinquish_special_privs_perm();
    char *err_msg = TT_CONFIGURATION_INIT(argv[0]);
    g_free(err_msg);
    init_report_message(PROGRAM, &report_routines);
    timestamp_set_type(TS_RELATIVE);
    timestamp_set_precision(TS_PREC_AUTO);
    timestamp_set_seconds_type(TS_SECONDS_DEFAULT);

    wtap_init(TRUE);
    int status = 2;
    if (!epan_init(NULL, NULL, TRUE)) {
        fprintf(stderr, PROGRAM ": epan_init failed\n");
        goto done_wtap;
    }
    if (proto_get_id_by_filter_name("tcpteach") == -1) {
        fprintf(stderr, PROGRAM ": the tcpteach protocol is not registered: the plugin was not "
                                "loaded (Wireshark ignores personal plugins when run as root; use "
                                "run.sh)\n");
        goto done_epan;
    }
    e_prefs *prefs_p = epan_load_settings();
    if (!apply_prefs(opt.prefs))
        goto done_epan;

    capture cap;
    memset(&cap, 0, sizeof cap);
    cap.path = opt.capture;
    build_column_format_array(&cap.cinfo, prefs_p->num_cols, TRUE);
    TT_WTAP_REC_INIT(&cap.rec, 1514);
    ws_buffer_init(&cap.buf, 1514);
    if (open_capture(&cap))
        status = check(&cap, &opt);
    close_capture(&cap);
    ws_buffer_free(&cap.buf);
    wtap_rec_cleanup(&cap.rec);
    col_cleanup(&cap.cinfo);
done_epan:
    epan_cleanup();
done_wtap:
    wtap_cleanup();
    free_progdirs();
    g_ptr_array_free(opt.prefs, TRUE);
    return status;
}
