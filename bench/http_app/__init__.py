"""The two WSGI applications `bench/bench_http.py` serves with gunicorn (bench only)."""
