"""Search latency and recall: this project's folding search vs stock Wagtail, same data.

    createdb -h 127.0.0.1 -U postgres portal_bench8
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench8 \
        .venv/bin/python bench/search.py --articles 100000

Loads N articles with Vietnamese titles and bodies (once; rerun with --reload to
rebuild), indexes them with each backend in turn (both write the same index
table, so one after the other), then runs a list of unaccented queries and
prints p50/p95 latency (first page of 20 hits plus the count, as the search
page does) and how many articles each query finds, side by side. The expected
count is computed in Python by folding every article with search.folding.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from bench.models import BenchArticle  # noqa: E402
from search.folding import fold_words  # noqa: E402

PLACES = ["Đà Nẵng", "Đồng Hới", "Phú Xuân", "Thuận Hóa", "Hương Thủy", "Điền Hải", "Quảng Điền", "Đông Ba", "Vỹ Dạ", "An Cựu"]
TOPICS = [
    "thủ tục hành chính", "cải cách hành chính", "đầu tư công", "đường giao thông", "y tế cơ sở", "giáo dục đào tạo",
    "tổ dân phố", "an toàn thực phẩm", "chuyển đổi số", "phòng chống thiên tai", "du lịch văn hóa", "đất đai",
]
VERBS = ["triển khai", "kiểm tra", "hướng dẫn", "tổng kết", "đẩy mạnh", "thông báo", "tăng cường", "đánh giá"]
FILLER = "Ủy ban nhân dân đề nghị các cơ quan, đơn vị phối hợp thực hiện nghiêm túc, báo cáo kết quả đúng thời hạn".split()

QUERIES = [
    "da nang", "dong hoi", "thu tuc hanh chinh", "cai cach", "dau tu cong", "duong giao thong", "y te",
    "giao duc", "to dan pho", "an toan thuc pham", "chuyen doi so", "dat dai", "phu xuan", "dien hai", "dong ba",
]


def make_articles(count: int, seed: int = 8) -> list[BenchArticle]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        place, topic, verb = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(VERBS)
        title = f"{verb.capitalize()} {topic} tại {place} năm {2020 + n % 7}"
        body = " ".join(rng.choices(FILLER, k=30)) + f" {rng.choice(TOPICS)} ở {rng.choice(PLACES)}."
        rows.append(BenchArticle(title=title, body=body))
    return rows


def load(count: int, reload: bool) -> None:
    call_command("migrate", run_syncdb=True, verbosity=0)
    if reload:
        BenchArticle.objects.all().delete()
    have = BenchArticle.objects.count()
    if have < count:
        print(f"Loading {count - have} articles…", flush=True)
        BenchArticle.objects.bulk_create(make_articles(count - have, seed=have), batch_size=5000)


def index_with(backend, batch: int = 2000) -> float:
    started = time.perf_counter()
    backend.get_index_for_model(BenchArticle).reset()
    ids = list(BenchArticle.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = list(BenchArticle.objects.filter(pk__in=ids[start : start + batch]))
        backend.add_bulk(BenchArticle, chunk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def measure(backend, repeats: int) -> tuple[list[float], dict[str, int]]:
    timings, found = [], {}
    for query in QUERIES:
        for _ in range(repeats):
            started = time.perf_counter()
            results = backend.search(query, BenchArticle)
            list(results[:20])
            found[query] = results.count()
            timings.append((time.perf_counter() - started) * 1000)
    return timings, found


def expected_counts() -> dict[str, int]:
    folded = [set(fold_words(f"{t} {b}").split()) for t, b in BenchArticle.objects.values_list("title", "body").iterator()]
    return {q: sum(1 for words in folded if set(q.split()) <= words) for q in QUERIES}


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    load(args.articles, args.reload)
    total = BenchArticle.objects.count()
    expected = expected_counts()
    report = {}
    for name in ("stock", "default"):
        backend = get_search_backend(name)
        seconds = index_with(backend)
        timings, found = measure(backend, args.repeats)
        report[name] = (seconds, timings, found)

    label = {"stock": "stock Wagtail", "default": "this project"}
    print(f"\n{total} articles, {len(QUERIES)} unaccented queries × {args.repeats} runs (first 20 hits + count)\n")
    print(f"{'':24}{label['stock']:>18}{label['default']:>18}")
    print(f"{'indexing (s)':24}{report['stock'][0]:>18.1f}{report['default'][0]:>18.1f}")
    for share in (0.5, 0.95):
        row = [percentile(report[name][1], share) for name in ("stock", "default")]
        print(f"{f'p{int(share * 100)} latency (ms)':24}{row[0]:>18.1f}{row[1]:>18.1f}")
    finds = [sum(1 for q in QUERIES if report[name][2][q] == expected[q] and expected[q]) for name in ("stock", "default")]
    print(f"{'queries fully answered':24}{f'{finds[0]}/{len(QUERIES)}':>18}{f'{finds[1]}/{len(QUERIES)}':>18}")
    print(f"\n{'query':24}{'expected':>10}{label['stock']:>18}{label['default']:>18}")
    for query in QUERIES:
        print(f"{query:24}{expected[query]:>10}{report['stock'][2][query]:>18}{report['default'][2][query]:>18}")


if __name__ == "__main__":
    main()
