/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: which of tcpteach's fields are needed on this pass.
 * See output_need.h. */
#include "config_glue.h"

#include <string.h>

#include <epan/packet.h>

#include "compat.h"
#include "glue.h"
#include "output_need.h"

const char *const *tt_command_line(int *argc)
{
    static bool read;
    static GPtrArray *words; /* into raw, kept for the whole run */
    if (!read) {
        read = true;
        gchar *raw = NULL;
        gsize len = 0;
        if (g_file_get_contents("/proc/self/cmdline", &raw, &len, NULL) && len > 0) {
            words = g_ptr_array_new();
            for (gsize i = 0; i < len; i += strlen(raw + i) + 1)
                g_ptr_array_add(words, raw + i);
            g_ptr_array_add(words, NULL);
        } else {
            g_free(raw);
        }
    }
    if (argc != NULL)
        *argc = words != NULL ? (int)words->len - 1 : 0;
    return words != NULL ? (const char *const *)words->pdata : NULL;
}

bool tt_program_is_tshark(void)
{
    int argc;
    const char *const *argv = tt_command_line(&argc);
    if (argc < 1)
        return false;
    const char *slash = strrchr(argv[0], '/');
    return strcmp(slash != NULL ? slash + 1 : argv[0], "tshark") == 0;
}

#if TT_TSHARK_PRIMES_OUTPUT_FIELDS

/* Wireshark 4.2 and later: under -T fields tshark primes the -e fields and
 * builds an invisible tree, so a field is needed exactly when Wireshark
 * says it is referenced. */

const uint8_t *tt_need_answers; /* never kept: the tree says it on every packet */
int tt_need_base, tt_need_count;

void tt_need_init(void) {}

bool tt_need_field_slow(proto_tree *tree, int hf)
{
    if (!tt_pref.fields_only)
        return tree != NULL; /* the user asked for the whole tree anyway */
    if (hf == tt_hf_ids.proto && tree != NULL && !PTREE_DATA(tree)->visible)
        /* Asking for one of our fields marks our protocol as referenced
         * too; its item is only wanted when it is named itself. */
        return tt_need_by_name_slow(tree, hf);
    return proto_field_is_referenced(tree, hf);
}

bool tt_need_by_name_slow(const proto_tree *tree, int hf)
{
    return tree != NULL && TT_HF_NAMED(proto_registrar_get_nth((guint)hf));
}

bool tt_need_values_only(const proto_tree *tree)
{
    /* Nobody sees the labels of an invisible tree: not the packet list (its
     * custom columns show values), not tshark -T fields, not a filter. */
    return tt_pref.fields_only && tree != NULL && !PTREE_DATA(tree)->visible;
}

#else

/* Wireshark 4.0: tshark -T fields builds a visible tree, as -V does, so
 * the -e fields are read from tshark's command line. */

#include "tshark_args.h"

static bool *named_fields; /* indexed by field id - named_base */
static int named_base, named_count;
static bool fields_only; /* tshark prints only the -e fields */
/* Under -T fields, tt_need_by_name's answer per field id - named_base:
 * 0 not known yet, 1 no, 2 yes. tshark compiles its filters and taps
 * before the first packet and primes them on every packet, so whether one
 * of our fields is named does not change during the run. */
static guint8 *named_answer;
const uint8_t *tt_need_answers; /* named_answer while the answers hold */
int tt_need_base, tt_need_count;

/* The kept answers hold under -T fields while the preference is on; it
 * may change before each file is read. */
static void keep_answers(void)
{
    tt_need_answers = fields_only && tt_pref.fields_only ? named_answer : NULL;
}

static void note_named_field(const char *name, void *ctx)
{
    (void)ctx;
    header_field_info *hfi = proto_registrar_get_byname(name);
    /* Only the fields of tt_hf: the expert infos' fields (also ours, such
     * as tcpteach.malformed_header) are registered after them. */
    if (hfi != NULL && (hfi->id == tt_hf_ids.proto || hfi->parent == tt_hf_ids.proto) &&
        hfi->id >= named_base && hfi->id - named_base < named_count)
        named_fields[hfi->id - named_base] = true;
}

void tt_need_init(void)
{
    /* our field ids: the protocol's and those registered with it */
    const int *ids = (const int *)&tt_hf_ids;
    int lo = ids[0], hi = ids[0];
    for (size_t i = 1; i < sizeof tt_hf_ids / sizeof ids[0]; i++) {
        lo = MIN(lo, ids[i]);
        hi = MAX(hi, ids[i]);
    }
    named_base = lo;
    named_count = hi - lo + 1;
    named_fields = g_new0(bool, named_count);
    named_answer = g_new0(guint8, named_count);
    tt_need_base = named_base;
    tt_need_count = named_count;
    register_init_routine(keep_answers);
    int argc;
    const char *const *argv = tt_command_line(&argc);
    if (argv != NULL)
        tt_args_read(argc, argv, note_named_field, NULL, &fields_only);
}

bool tt_need_by_name_slow(const proto_tree *tree, int hf)
{
    bool in_range = hf >= named_base && hf - named_base < named_count;
    bool named = in_range && named_fields[hf - named_base];
    if (tree == NULL)
        return false;
    named = named || TT_HF_NAMED(proto_registrar_get_nth((guint)hf));
    if (in_range && tt_need_answers != NULL)
        named_answer[hf - named_base] = named ? 2 : 1;
    return named;
}

bool tt_need_values_only(const proto_tree *tree)
{
    (void)tree;
    return fields_only && tt_pref.fields_only;
}

bool tt_need_field_slow(proto_tree *tree, int hf)
{
    if (!proto_field_is_referenced(tree, hf))
        return false;
    if (!tt_need_values_only(tree))
        return true;
    /* -T fields: a visible tree, though only the -e fields are printed;
     * there proto_field_is_referenced says yes to every field, so the
     * answer is the run's, kept (tt_need_field reads it) */
    if (hf < named_base || hf - named_base >= named_count)
        return tt_need_by_name(tree, hf);
    guint8 *answer = &named_answer[hf - named_base];
    if (*answer == 0)
        *answer = tt_need_by_name_slow(tree, hf) ? 2 : 1;
    return *answer == 2;
}

#endif
