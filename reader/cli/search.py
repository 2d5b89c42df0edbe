"""Commands that find and organise: search, views (saved searches), rule, tag-edit."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import article_json, article_line, print_json, whole_number
from reader.cli.terminal import clean, raw
from reader.core.query import SYNTAX_HELP, snippet_text

if TYPE_CHECKING:
    from reader.core.rules import Rule
    from reader.core.types import Article
    from reader.library import Library

_BOLD = "\x1b[1m"
_PLAIN = "\x1b[0m"


def _rule_id(value: str) -> int:
    try:
        return int(value.strip().lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a rule id: {value!r} (see 'folio rule list')"
        ) from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "search",
        help="search the library (words, phrases, filters)",
        description="Search titles, authors, text and tags. Words match in any form"
        ' ("running" finds "runs"); results come best first, with the matched words marked.',
        epilog=SYNTAX_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="QUERY", nargs="+", help="what to look for (see below)")
    p.add_argument("--limit", metavar="N", type=whole_number(), default=50, help="at most N (50)")
    order = p.add_mutually_exclusive_group()
    order.add_argument("--newest", dest="order", action="store_const", const="newest")
    order.add_argument("--oldest", dest="order", action="store_const", const="oldest")
    p.add_argument("--count", action="store_true", help="only print how many articles match")
    p.add_argument("--save", metavar="NAME", help="also keep the query as a saved search")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_search, order="relevance")

    p = sub.add_parser(
        "views",
        help="saved searches, with their counts",
        description="Saved searches: queries kept as views in the sidebar. With no action,"
        " list them with their unread and total counts.",
        epilog="Examples:\n  folio views add 'Climate' 'climate OR weather -is:archived'\n"
        "  folio views show Climate\n  folio views rename Climate 'Climate news'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_views_list)
    actions = p.add_subparsers(dest="views_action", metavar="ACTION", title="actions")
    a = actions.add_parser("add", help="save a search", description="Save a search as a view.")
    a.add_argument("name", metavar="NAME")
    a.add_argument("query", metavar="QUERY", nargs="+")
    a.add_argument("--replace", action="store_true", help="replace the query of an existing view")
    a.set_defaults(handler=cmd_views_add)
    a = actions.add_parser("show", help="list a view's articles", description="List a view.")
    a.add_argument("name", metavar="NAME|ID")
    a.add_argument("--limit", metavar="N", type=whole_number(), default=50)
    a.add_argument("--json", action="store_true", help="print JSON")
    a.set_defaults(handler=cmd_views_show)
    a = actions.add_parser("rename", help="rename a view", description="Rename a saved search.")
    a.add_argument("name", metavar="NAME|ID")
    a.add_argument("new_name", metavar="NEW_NAME")
    a.set_defaults(handler=cmd_views_rename)
    a = actions.add_parser("remove", help="delete a view", description="Delete a saved search.")
    a.add_argument("name", metavar="NAME|ID")
    a.set_defaults(handler=cmd_views_remove)

    p = sub.add_parser(
        "rule",
        help="rules for new articles",
        description="Rules act on new articles (from a refresh, a save or an import) that match"
        " a query: add a tag, mark read, star or archive.",
        epilog="Examples:\n  folio rule add 'feed:\"Ars\" rocket*' --tag space\n"
        "  folio rule add 'sponsored OR advertorial' --read\n  folio rule preview 'tag:space'\n\n"
        + SYNTAX_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(handler=cmd_rule_list, json=False)
    actions = p.add_subparsers(dest="rule_action", metavar="ACTION", title="actions")
    a = actions.add_parser("add", help="add a rule", description="Add a rule.")
    a.add_argument("query", metavar="QUERY")
    what = a.add_mutually_exclusive_group(required=True)
    what.add_argument("--tag", metavar="NAME", help="add this tag")
    what.add_argument("--read", dest="action", action="store_const", const="read")
    what.add_argument("--star", dest="action", action="store_const", const="star")
    what.add_argument("--archive", dest="action", action="store_const", const="archive")
    a.add_argument(
        "--apply-now", action="store_true", help="also apply it to the articles it matches now"
    )
    a.set_defaults(handler=cmd_rule_add, action=None)
    a = actions.add_parser("list", help="list rules", description="List the rules, in order.")
    a.add_argument("--json", action="store_true", help="print JSON")
    a.set_defaults(handler=cmd_rule_list)
    a = actions.add_parser("remove", help="delete a rule", description="Delete a rule.")
    a.add_argument("rule", metavar="ID", type=_rule_id)
    a.set_defaults(handler=cmd_rule_remove)
    for name, enabled in (("enable", True), ("disable", False)):
        a = actions.add_parser(name, help=f"{name} a rule", description=f"{name.title()} a rule.")
        a.add_argument("rule", metavar="ID", type=_rule_id)
        a.set_defaults(handler=cmd_rule_enable, enabled=enabled)
    a = actions.add_parser(
        "preview",
        help="what a query would match now",
        description="The articles already in the library that a rule's query matches.",
    )
    a.add_argument("query", metavar="QUERY|ID")
    a.add_argument("--limit", metavar="N", type=whole_number(), default=20)
    a.set_defaults(handler=cmd_rule_preview)

    p = sub.add_parser(
        "tag-edit",
        help="rename, merge, delete or colour tags",
        description="Change tags across the whole library.",
    )
    actions = p.add_subparsers(dest="tag_action", metavar="ACTION", title="actions", required=True)
    a = actions.add_parser("rename", help="rename a tag (onto an existing one: merge)")
    a.add_argument("old", metavar="OLD")
    a.add_argument("new", metavar="NEW")
    a.set_defaults(handler=cmd_tag_rename)
    a = actions.add_parser("merge", help="fold tags into one")
    a.add_argument("sources", metavar="TAG", nargs="+")
    a.add_argument("--into", metavar="TARGET", required=True, help="the tag that remains")
    a.set_defaults(handler=cmd_tag_merge)
    a = actions.add_parser("delete", help="delete a tag from every article and feed")
    a.add_argument("name", metavar="TAG")
    a.set_defaults(handler=cmd_tag_delete)
    a = actions.add_parser("color", help="set a tag's colour (#rrggbb, or none)")
    a.add_argument("name", metavar="TAG")
    a.add_argument("color", metavar="COLOUR")
    a.set_defaults(handler=cmd_tag_color)


# -- search --------------------------------------------------------------------------------------


def _print_snippet(snippet: str) -> None:
    """The matched words in bold on a terminal: the snippet is cleaned of control characters
    first, then written past the filter with Folio's own bold codes."""
    if sys.stdout.isatty():
        out = raw(sys.stdout)
        out.write("         " + snippet_text(clean(snippet), start=_BOLD, end=_PLAIN) + "\n")
    else:
        print("         " + snippet_text(snippet))


def _print_articles(articles: list[Article], *, as_json: bool) -> None:
    if as_json:
        rows = []
        for article in articles:
            data = article_json(article)
            if article.snippet is not None:
                data["snippet"] = snippet_text(article.snippet)
            rows.append(data)
        print_json(rows)
        return
    for article in articles:
        print(article_line(article))
        if article.snippet:
            _print_snippet(article.snippet)


def _notes(lib: Library, query: str) -> None:
    for note in lib.parse_query(query).notes:
        print(f"folio: note: {note}", file=sys.stderr)


def cmd_search(lib: Library, args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    _notes(lib, query)
    if args.save:
        saved = lib.save_search(args.save, query)
        print(f"Saved as the view {saved.name!r}", file=sys.stderr)
    if args.count:
        total = lib.count_search(query)
        print_json({"count": total}) if args.json else print(total)
        return 0
    results = lib.search(query, limit=args.limit, order=args.order)
    _print_articles(results, as_json=args.json)
    if not args.json:
        total = lib.count_search(query)
        shown = f" (showing {len(results)})" if total > len(results) else ""
        print(f"{total} result{'s' if total != 1 else ''}{shown}")
    return 0


# -- views ---------------------------------------------------------------------------------------


def cmd_views_list(lib: Library, args: argparse.Namespace) -> int:
    views = lib.list_saved_searches()
    if args.json:
        print_json(
            [
                {"id": v.id, "name": v.name, "query": v.query, "unread": v.unread, "total": v.total}
                for v in views
            ]
        )
        return 0
    for view in views:
        print(f"{view.id:>4}  {view.name}  ({view.unread} unread of {view.total})")
        print(f"      {view.query}")
    if not views:
        print("No saved searches. Save one with: folio views add NAME QUERY")
    return 0


def cmd_views_add(lib: Library, args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    _notes(lib, query)
    saved = lib.save_search(args.name, query, replace=args.replace)
    counted = lib.get_saved_search(saved.id, counts=True)
    total = counted.total or 0
    print(
        f"Saved {saved.name!r}: {total} article{'s' if total != 1 else ''}, {counted.unread} unread"
    )
    return 0


def cmd_views_show(lib: Library, args: argparse.Namespace) -> int:
    saved = lib.get_saved_search(args.name)
    results = lib.search(saved.query, limit=args.limit, order="newest")
    _print_articles(results, as_json=args.json)
    if not args.json and not results:
        print("No articles.")
    return 0


def cmd_views_rename(lib: Library, args: argparse.Namespace) -> int:
    saved = lib.rename_saved_search(args.name, args.new_name)
    print(f"Renamed to {saved.name!r}")
    return 0


def cmd_views_remove(lib: Library, args: argparse.Namespace) -> int:
    saved = lib.delete_saved_search(args.name)
    print(f"Deleted the view {saved.name!r}")
    return 0


# -- rules ---------------------------------------------------------------------------------------


def _rule_line(rule: Rule) -> str:
    state = "" if rule.enabled else "  (disabled)"
    return f"#{rule.id:<4} {rule.describe()}{state}"


def cmd_rule_add(lib: Library, args: argparse.Namespace) -> int:
    _notes(lib, args.query)
    if args.tag is not None:
        rule = lib.add_rule(args.query, "tag", args.tag)
    else:
        rule = lib.add_rule(args.query, args.action)
    print(f"Added rule {_rule_line(rule)}")
    if args.apply_now:
        ids = lib.search_ids(args.query)
        changed = lib.apply_rules(ids, rules=[rule]).get(rule.id, [])
        print(f"Applied to {len(changed)} article{'s' if len(changed) != 1 else ''}")
    return 0


def cmd_rule_list(lib: Library, args: argparse.Namespace) -> int:
    rules = lib.list_rules()
    if getattr(args, "json", False):
        print_json(
            [
                {
                    "id": r.id,
                    "query": r.query,
                    "action": r.action.value,
                    "argument": r.argument,
                    "enabled": r.enabled,
                }
                for r in rules
            ]
        )
        return 0
    for rule in rules:
        print(_rule_line(rule))
    if not rules:
        print("No rules. Add one with: folio rule add QUERY --tag NAME")
    return 0


def cmd_rule_remove(lib: Library, args: argparse.Namespace) -> int:
    rule = lib.remove_rule(args.rule)
    print(f"Deleted rule #{rule.id}: {rule.describe()}")
    return 0


def cmd_rule_enable(lib: Library, args: argparse.Namespace) -> int:
    rule = lib.update_rule(args.rule, enabled=args.enabled)
    print(_rule_line(rule))
    return 0


def cmd_rule_preview(lib: Library, args: argparse.Namespace) -> int:
    query = args.query
    text = query.strip().lstrip("#")
    if text.isdigit():
        query = lib.get_rule(int(text)).query
    _notes(lib, query)
    total, articles = lib.preview_rule(query, limit=args.limit)
    for article in articles:
        print(article_line(article))
    shown = f", the newest {len(articles)} shown" if total > len(articles) else ""
    print(f"{total} article{'s' if total != 1 else ''} match now{shown}")
    return 0


# -- tags ----------------------------------------------------------------------------------------


def cmd_tag_rename(lib: Library, args: argparse.Namespace) -> int:
    lib.rename_tag(args.old, args.new)
    print(f"Renamed {args.old!r} to {args.new!r}")
    return 0


def cmd_tag_merge(lib: Library, args: argparse.Namespace) -> int:
    lib.merge_tags(args.sources, args.into)
    print(f"Merged {', '.join(repr(s) for s in args.sources)} into {args.into!r}")
    return 0


def cmd_tag_delete(lib: Library, args: argparse.Namespace) -> int:
    lib.delete_tag(args.name)
    print(f"Deleted the tag {args.name!r}")
    return 0


def cmd_tag_color(lib: Library, args: argparse.Namespace) -> int:
    color = None if args.color.strip().lower() in ("none", "-", "") else args.color
    lib.set_tag_color(args.name, color)
    print(f"{args.name}: {lib.tag_color(args.name) or 'no colour'}")
    return 0
