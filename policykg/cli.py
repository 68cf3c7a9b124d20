"""The policykg command line: parses options and calls one library function per command.

Exit codes: 0 when every input went through, 1 when some failed, 2 on bad usage, 130 on Ctrl-C.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from policykg.extract import extract_paths, extract_to_file
from policykg.extract.evaluate import TYPES
from policykg.extract.evaluate import evaluate as evaluate_facts
from policykg.extract.factsfile import FactsFile, FactsFileError, dump
from policykg.extract.ingest import expand
from policykg.graph.base import LoadInterrupted
from policykg.graph.html import write_page
from policykg.graph.queries import QueryError, catalog, run_query
from policykg.graph.store import StoreError, open_store
from policykg.graph.tables import TABLE_FORMATS, export_tables
from policykg.graph.view import ViewError
from policykg.ontology.rdf import RDF_FORMATS, export_graph
from policykg.outputs import OutputPathError, check_output

from . import __version__
from .builder import BuildInterrupted
from .builder import build as build_all
from .formats import FORMATS, SCORE_FORMATS, format_rows, format_scores

app = typer.Typer(
    help="Turn Chinese government work reports into a knowledge graph, with evidence.",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

Paths = Annotated[list[Path], typer.Argument(help="Report files (.txt .md .csv .jsonl) or folders of them.",
                                             show_default=False)]
Db = Annotated[Path | None, typer.Option("--db", envvar="POLICYKG_DB", show_default=False,
                                         help="Embedded database path [default: .policykg/graph.lbdb].")]
Neo4j = Annotated[str | None, typer.Option(
    "--neo4j", metavar="URI", show_default=False,
    help="Use the Neo4j server at URI instead of the embedded store "
         "(credentials from NEO4J_USERNAME / NEO4J_PASSWORD, database from NEO4J_DATABASE).")]
TextField = Annotated[str | None, typer.Option("--text-field", help="Text column of .csv/.jsonl inputs "
                                               "[default: the first of full_text, text, content].")]
Region = Annotated[str | None, typer.Option("--region", help="Region of every report, overriding the text.")]
Year = Annotated[int | None, typer.Option("--year", help="Year reviewed of every report, overriding the text.")]
Province = Annotated[str | None, typer.Option("--province", help="Province of every report (settles 朝阳区 and "
                                              "other names found in several provinces).")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _progress(label: str) -> Progress:
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                    console=err, transient=True, disable=not err.is_terminal)


def _extract(paths: list[Path], text_field: str | None, overrides: dict[str, Any],
             out_path: Path, compact: bool = False) -> tuple[dict[str, int], list[str]]:
    """Extract into `out_path` ('-': stdout) with a progress bar; print warnings and input errors;
    return (counts, problems)."""
    with _progress("extracting") as bar:
        task = bar.add_task("", total=len(list(expand(paths))) or None)
        options: dict[str, Any] = {
            "text_field": text_field, "overrides": overrides,
            "progress": lambda doc: bar.update(task, advance=1, description=Path(doc.source).name)}
        if str(out_path) == "-":
            facts, errors, warnings = extract_paths(paths, **options)
            dump(facts, sys.stdout, compact=compact)
            counts = {name: len(facts[name]) for name in ("reports", "entities", "relations")}
        else:
            counts, errors, warnings = extract_to_file(paths, out_path, compact=compact, **options)
    for w in warnings:
        err.print(f"warning: {w}", markup=False)
    problems = [str(e) for e in errors]
    for p in problems:
        err.print(f"error: {p}", markup=False)
    return counts, problems


def _facts_file(path: Path) -> FactsFile:
    try:
        return FactsFile(path)
    except FactsFileError as exc:
        raise _fail(str(exc)) from exc


def _open(db: Path | None, neo4j: str | None, read_only: bool = False) -> Any:
    try:
        return open_store(db, neo4j=neo4j, read_only=read_only)
    except StoreError as exc:
        raise _fail(str(exc)) from exc


def _summary(counts: dict[str, int]) -> None:
    labels = ["Report", "Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise"]
    rows = [[k, counts.get(k, 0)] for k in labels]
    out.print(format_rows(["type", "count"], rows), markup=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"policykg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """policykg: regions, industrial chains, parks, projects, initiatives and enterprises in work reports."""


_PHASES = {"extract": "extracting", "load": "loading", "page": "page", "export": "export"}


def _phase_bars() -> tuple[Progress, Callable[[str, int, int | None, str], None]]:
    """A Rich progress display with one bar per build phase (shown on a terminal only) and its callback."""
    bar = Progress(TextColumn("{task.fields[phase]:<10}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, Any] = {}

    def tell(phase: str, done: int, total: int | None, item: str) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(item, total=total, phase=_PHASES.get(phase, phase))
        bar.update(tasks[phase], completed=done, total=total, description=item)

    return bar, tell


@app.command()
def build(paths: Paths, db: Db = None, neo4j: Neo4j = None,
          html: Annotated[Path, typer.Option(help="Where to write the HTML view.")] = Path("graph.html"),
          ttl: Annotated[Path, typer.Option(help="Where to write the Turtle export.")] = Path("graph.ttl"),
          no_html: Annotated[bool, typer.Option("--no-html", help="Do not write the HTML view.")] = False,
          no_ttl: Annotated[bool, typer.Option("--no-ttl", help="Do not write the Turtle export.")] = False,
          text_field: TextField = None, region: Region = None, year: Year = None,
          province: Province = None) -> None:
    """Extract reports, load them, write graph.html and graph.ttl, and print a summary.

    Progress is shown on a terminal; Ctrl-C stops cleanly (exit 130) and a rerun finishes the job.

    Example: policykg build examples/reports --no-ttl
    """
    bar, tell = _phase_bars()
    try:
        with bar:
            result = build_all(paths, db=db, neo4j=neo4j, html=None if no_html else html,
                               ttl=None if no_ttl else ttl, text_field=text_field,
                               overrides={"region": region, "year": year, "province": province}, progress=tell)
    except OutputPathError as exc:
        raise _fail(str(exc), 2) from exc
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    except BuildInterrupted as exc:
        raise _interrupted(str(exc)) from None
    for w in result.warnings:
        err.print(f"warning: {w}", markup=False)
    for e in result.errors:
        err.print(f"error: {e}", markup=False)
    if not result.extracted["reports"]:
        raise _fail("no report could be read; the store and the outputs are left as they were")
    _summary(result.counts)
    out.print("\nInitiatives shared by regions:", markup=False)
    cols, rows = result.shared
    out.print(format_rows(cols, rows) if rows else "(none shared by two or more regions)", markup=False)
    out.print(f"\nstore: {result.store}" + "".join(f"\nwrote: {p}" for p in (result.html, result.ttl) if p),
              markup=False)
    if result.errors:
        raise typer.Exit(1)


def _interrupted(message: str) -> typer.Exit:
    """Ctrl-C: one line saying what was completed, exit 130 (128 + SIGINT) as shells expect."""
    err.print(f"interrupted: {message}", markup=False)
    return typer.Exit(130)


@app.command()
def extract(paths: Paths,
            out_path: Annotated[Path, typer.Option("--out", "-o", help="Facts JSON to write ('-' for stdout).")]
            = Path("facts.json"),
            text_field: TextField = None, region: Region = None, year: Year = None,
            province: Province = None,
            compact: Annotated[bool, typer.Option(
                "--compact", help="Write the compact layout (policykg/facts@3, about 2/3 of the size), "
                                  "which only policykg reads.")] = False) -> None:
    """Extract facts from reports into a facts file (policykg/facts@2), written as the reports go.

    The file is written whole or not at all; when every input fails, an existing file is left as it was.

    Example: policykg extract examples/reports --out facts.json
    """
    to_stdout = str(out_path) == "-"
    try:
        if not to_stdout:
            check_output(out_path)
        counts, problems = _extract(paths, text_field, {"region": region, "year": year, "province": province},
                                    out_path, compact)
    except OutputPathError as exc:
        raise _fail(str(exc), 2) from exc
    except KeyboardInterrupt:
        raise _interrupted("stopped while extracting; nothing was written; run the same command again") from None
    if not counts["reports"] and problems:
        raise _fail(f"no report could be read; {'nothing written' if to_stdout else f'{out_path} left as it was'}")
    if not to_stdout:
        err.print(f"{counts['reports']} reports, {counts['entities']} entities, "
                  f"{counts['relations']} relations → {out_path}", markup=False)
    if problems:
        raise typer.Exit(1)


@app.command()
def load(facts_path: Annotated[Path, typer.Argument(metavar="FACTS", help="A facts document from `extract`.")],
         db: Db = None, neo4j: Neo4j = None) -> None:
    """Load a facts document into the store (a report loaded again replaces its old facts).

    Example: policykg load facts.json --db .policykg/graph.lbdb
    """
    facts = _facts_file(facts_path)
    total = facts.count("reports")
    try:
        with _open(db, neo4j) as store, _progress("loading") as bar:
            task = bar.add_task("", total=total)
            summary = store.load_facts(facts_path, progress=lambda b: bar.update(
                task, advance=1, description=Path(b.report["source"]).name))
    except FactsFileError as exc:
        raise _fail(str(exc)) from exc
    except LoadInterrupted as exc:
        raise _interrupted(str(exc)) from None
    except KeyboardInterrupt:  # before the first report (opening the store)
        raise _interrupted(str(LoadInterrupted(0, total))) from None
    for e in summary["failed"]:
        err.print(f"error: {e}", markup=False)
    out.print(f"loaded {len(summary['loaded'])} of {total} reports "
              f"({summary['written']} nodes and relationships) into {store.location}", markup=False)
    if summary["failed"]:
        raise typer.Exit(1)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--param")
        params[key.strip()] = value
    return params


EXPORT_FORMATS = (*RDF_FORMATS, *TABLE_FORMATS)
Format = Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")


@app.command()
def query(name: Annotated[str | None, typer.Argument(help="A canned query (see --list).")] = None,
          param: Annotated[list[str] | None, typer.Option("--param", "-p", help="KEY=VALUE, repeatable.")] = None,
          fmt: Format = "table",
          list_: Annotated[bool, typer.Option("--list", help="List the canned queries.")] = False,
          db: Db = None, neo4j: Neo4j = None) -> None:
    """Run a canned query from queries/*.cypher.

    Example: policykg query shared-initiatives --param min_regions=3 --format json
    """
    _check_format(fmt)
    if list_ or not name:
        rows = [[q.name, ", ".join(p.name if p.default is None else f"{p.name}={p.default}" for p in q.params),
                 q.description]
                for q in catalog().values()]
        out.print(format_rows(["name", "params", "description"], rows, fmt), markup=False)
        return
    _canned(name, _parse_params(param or []), fmt, db, neo4j)


def _canned(name: str, params: dict[str, Any], fmt: str, db: Path | None, neo4j: str | None) -> None:
    """Run one canned query with typed parameters and print its rows."""
    _check_format(fmt)
    with _open(db, neo4j, read_only=True) as store:
        try:
            cols, rows = run_query(store, name, params)
        except QueryError as exc:
            raise _fail(str(exc), 2) from exc
        except StoreError as exc:
            raise _fail(str(exc)) from exc
    out.print(format_rows(cols, rows, fmt), markup=False)


@app.command("policy-diffusion")
def policy_diffusion(name: Annotated[str, typer.Argument(help="An initiative name, alias or id.")],
                     fmt: Format = "table", db: Db = None, neo4j: Neo4j = None) -> None:
    """Where an initiative spread: each region's first year, the regions by then, the first sentence.

    Example: policykg policy-diffusion 专精特新
    """
    _canned("policy-diffusion", {"name": name}, fmt, db, neo4j)


@app.command("region-changes")
def region_changes(region: Annotated[str, typer.Argument(help="A region name, alias or id.")],
                   from_year: Annotated[int, typer.Option("--from", help="Earliest year of the earlier reports "
                                                          "[default: the year before --to].")] = 0,
                   to_year: Annotated[int, typer.Option("--to", help="Year of the later report "
                                                        "[default: the region's latest].")] = 0,
                   fmt: Format = "table", db: Db = None, neo4j: Neo4j = None) -> None:
    """What a region's report of one year names that its earlier reports did not, and what it dropped.

    Example: policykg region-changes 合肥市 --from 2021 --to 2024
    """
    _canned("region-changes", {"region": region, "from_year": from_year, "to_year": to_year}, fmt, db, neo4j)


@app.command()
def trending(since: Annotated[int, typer.Option(help="First year of the window "
                                                "[default: the latest year minus 2].")] = 0,
             limit: Annotated[int, typer.Option(help="At most N rows.")] = 50,
             fmt: Format = "table", db: Db = None, neo4j: Neo4j = None) -> None:
    """Initiatives and chains whose number of regions grew fastest since a year.

    Example: policykg trending --since 2021
    """
    _canned("trending", {"since": since, "limit": limit}, fmt, db, neo4j)


@app.command()
def compare(a: Annotated[str, typer.Argument(help="A region name, alias or id.")],
            b: Annotated[str, typer.Argument(help="Another region.")],
            fmt: Format = "table", db: Db = None, neo4j: Neo4j = None) -> None:
    """Two regions side by side: what both name (most specific first), what each names alone, by type.

    Example: policykg compare 合肥市 厦门市
    """
    _canned("compare", {"a": a, "b": b}, fmt, db, neo4j)


@app.command()
def cypher(statement: Annotated[str, typer.Argument(help="A Cypher statement.")],
           param: Annotated[list[str] | None, typer.Option("--param", "-p", help="KEY=VALUE (strings).")] = None,
           write: Annotated[bool, typer.Option("--write", help="Allow the statement to write (the region pairs "
                                               "stored for region-similarity are then recomputed).")] = False,
           fmt: Format = "table", db: Db = None, neo4j: Neo4j = None) -> None:
    """Run one Cypher statement; read-only unless --write.

    Example: policykg cypher "MATCH (i:Initiative) RETURN i.name LIMIT 5"
    """
    _check_format(fmt)
    with _open(db, neo4j, read_only=not write) as store:
        try:
            cols, rows = store.run(statement, _parse_params(param or []), write=write)
            if write:
                store.update_similarity()
        except StoreError as exc:
            raise _fail(str(exc)) from exc
    out.print(format_rows(cols, rows, fmt), markup=False)


@app.command()
def viz(out_path: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("graph.html"),
        region: Annotated[list[str] | None, typer.Option("--region", help="Focus on a region (repeatable).")] = None,
        initiative: Annotated[list[str] | None, typer.Option(help="Focus on an initiative (repeatable).")] = None,
        chain: Annotated[list[str] | None, typer.Option(help="Focus on an industrial chain (repeatable).")] = None,
        types: Annotated[str | None, typer.Option(help="Entity types to show, comma-separated.")] = None,
        min_regions: Annotated[int, typer.Option(help="Show entities shared by at least K regions "
                                                 "(1 shows everything).")] = 2,
        depth: Annotated[int, typer.Option(help="Hops around a focus node.")] = 1,
        max_nodes: Annotated[int, typer.Option(help="Keep at most N nodes, the most shared first.")] = 3000,
        overview: Annotated[bool | None, typer.Option(
            "--overview/--no-overview", show_default=False,
            help="Regions only, joined by similarity [default: with no focus and 6+ regions with reports].")] = None,
        all_regions: Annotated[bool, typer.Option(help="With --region, also draw the other regions around it.")]
        = False,
        db: Db = None, neo4j: Neo4j = None) -> None:
    """Write an interactive HTML view of the graph (works offline).

    Example: policykg viz --region 牡丹区 --out mudan.html
    """
    with _open(db, neo4j, read_only=True) as store:
        try:
            path = write_page(store, out_path, regions=region or [], initiatives=initiative or [],
                              chains=chain or [], types=types.split(",") if types else None,
                              min_regions=min_regions, depth=depth, max_nodes=max_nodes, overview=overview,
                              all_regions=all_regions)
        except (ViewError, OutputPathError) as exc:
            raise _fail(str(exc), 2) from exc
    out.print(f"wrote: {path}", markup=False)


@app.command()
def export(out_path: Annotated[Path, typer.Option("--out", "-o", help="RDF file to write.")] = Path("graph.ttl"),
           fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)} "
                                            "(csv: --out is a folder for nodes.csv and edges.csv).")] = "turtle",
           base: Annotated[str | None, typer.Option(help="Base IRI for the data.")] = None,
           ontology: Annotated[bool, typer.Option("--ontology/--no-ontology",
                                                  help="Include the ontology in the file.")] = True,
           sample: Annotated[int | None, typer.Option(
               min=1, help="Only the first N reports and what they touch (a quick SHACL check).")] = None,
           db: Db = None, neo4j: Neo4j = None) -> None:
    """Export the graph as RDF (Turtle, N-Triples, JSON-LD, RDF/XML) with the ontology, or for other
    tools as GraphML, GEXF or CSV tables of nodes and edges with all their properties.

    Example: policykg export --format turtle --out graph.ttl
    """
    if fmt not in RDF_FORMATS and fmt not in TABLE_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    with _open(db, neo4j, read_only=True) as store:
        try:
            if fmt in TABLE_FORMATS:
                paths = export_tables(store, out_path, fmt=fmt)
            else:
                paths = [export_graph(store, out_path, fmt=fmt, base=base, include_ontology=ontology,
                                      sample=sample)]
        except OutputPathError as exc:
            raise _fail(str(exc), 2) from exc
        except ValueError as exc:  # a bad --base, or text RDF/XML cannot hold
            raise _fail(f"{out_path}: {exc}") from exc
    out.print("".join(f"wrote: {p}\n" for p in paths).rstrip(), markup=False)


@app.command()
def stats(db: Db = None, neo4j: Neo4j = None, fmt: Format = "table") -> None:
    """Count nodes per label and relationships per type.

    Example: policykg stats --db .policykg/graph.lbdb
    """
    _check_format(fmt)
    with _open(db, neo4j, read_only=True) as store:
        counts = store.counts()
    out.print(format_rows(["name", "count"], [[k, v] for k, v in counts.items()], fmt), markup=False)


@app.command()
def evaluate(facts_path: Annotated[Path, typer.Argument(metavar="FACTS", help="A facts document from `extract`.")],
             gold: Annotated[list[Path], typer.Argument(metavar="GOLD...", show_default=False,
                                                        help="Gold files (one per report) or folders of them.")],
             types: Annotated[str | None, typer.Option(help=f"Types to score, comma-separated [default: all: "
                                                            f"{','.join(TYPES)}].")] = None,
             errors: Annotated[bool, typer.Option("--errors", help="List the misses and false hits per report "
                                                                   "and type.")] = False,
             fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(SCORE_FORMATS)}.")]
             = "table") -> None:
    """Score extracted facts against gold annotations: precision, recall and F1 per type, strict and lenient.

    Example: policykg evaluate facts.json eval/gold/seeds
    """
    if fmt not in SCORE_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(SCORE_FORMATS)}", param_hint="--format")
    try:
        facts = _facts_file(facts_path).read()
    except FactsFileError as exc:
        raise _fail(str(exc)) from exc
    try:
        scores = evaluate_facts(facts, gold, types=[t for t in types.split(",") if t] if types else None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--types") from exc
    for w in scores.unmatched:
        err.print(f"warning: {w}", markup=False)
    for p in scores.problems:
        err.print(f"error: {p}", markup=False)
    out.print(format_scores(scores, fmt, errors=errors), markup=False)
    if scores.problems:
        raise typer.Exit(1)
