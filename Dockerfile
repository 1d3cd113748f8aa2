# MatchPlan in a container: one Streamlit server on port 8501.
#   docker build -t matchplan .
#   docker run --rm -p 8501:8501 matchplan
# A session lives in one server process: to run several replicas, put them behind a load
# balancer with sticky sessions (README: "Running it for a whole school").
FROM python:3.11-slim

# MALLOC_ARENA_MAX: glibc gives each thread that allocates its own arena and keeps it;
# the server's file-serving threads made that ~1.3 MiB of RSS per extra session in the
# benchmark's memory stage, against 0.23 MiB with 2 arenas (bench/README.md, 2 Dec 2026).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MALLOC_ARENA_MAX=2 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The runtime pins CI tests (requirements.txt equals constraints.txt there), in a layer of
# their own so that a code change does not reinstall them. The app runs from its source
# tree, the way Community Cloud runs it from the repository root.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# No root: the app needs to write nothing but Streamlit's own files under $HOME.
RUN useradd --create-home --uid 10001 matchplan
USER matchplan

EXPOSE 8501
# The slim image has no curl; Python's urllib asks Streamlit's own health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

# The tests' and the benchmark's command line (tests/conftest.py: serve_command), but
# reachable from outside the container. No file watcher: the code never changes in here.
CMD ["streamlit", "run", "streamlit_app.py", \
     "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true", "--browser.gatherUsageStats", "false", \
     "--server.fileWatcherType", "none"]
