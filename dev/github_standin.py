"""A local stand-in for the few GitHub REST endpoints the qgate action calls.

Test-only. GitHub's API cannot be reached from CI here, so dev/test_alerts.py
runs .github/actions/qgate/github-api.sh against this server instead. It is a
stand-in, not GitHub: it implements exactly the endpoints the script calls, as
GitHub documents them (pages cited per handler), with state kept in memory:

- list / create / update issue comments
  https://docs.github.com/en/rest/issues/comments
- list repository issues (state, labels filter), create / update an issue
  https://docs.github.com/en/rest/issues/issues
- get / create a label
  https://docs.github.com/en/rest/issues/labels
- pagination: `per_page` (default 30, max 100) and `page`, answered with a
  `Link` header holding absolute `rel="next"`/`rel="last"` URLs
  https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api

Authentication is `Authorization: Bearer TOKEN`: tokens in `tokens` map to
a user ({"login", "type"}); a token in `read_only` gets 403 "Resource not
accessible by integration" on every write (as a fork's GITHUB_TOKEN does);
anything else gets 401. Every request is kept in `requests` for assertions.
"""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT = {"login": "github-actions[bot]", "type": "Bot"}


class State:
    def __init__(self, repo):
        self.repo = repo
        self.lock = threading.Lock()
        self.issues = {}      # number -> issue dict (pull requests are issues with "pull_request")
        self.comments = {}    # id -> comment dict with "issue_number"
        self.labels = {}      # name -> label dict
        self.next_number = 1
        self.next_comment = 1000
        self.tokens = {"good-token": BOT}
        self.read_only = {"fork-token"}
        self.requests = []    # (method, path with query, headers dict, body bytes)
        self.link_base = None  # where Link URLs point; None = the Host the request named

    def add_issue(self, title, body="", labels=(), pull_request=False, user=BOT):
        number = self.next_number
        self.next_number += 1
        issue = {"number": number, "title": title, "body": body, "state": "open", "state_reason": None,
                 "labels": [{"name": n} for n in labels], "user": dict(user)}
        if pull_request:
            issue["pull_request"] = {"url": f"/repos/{self.repo}/pulls/{number}"}
        self.issues[number] = issue
        return issue

    def add_comment(self, number, body, user=BOT):
        cid = self.next_comment
        self.next_comment += 1
        comment = {"id": cid, "issue_number": number, "body": body, "user": dict(user)}
        self.comments[cid] = comment
        return comment

    def comments_on(self, number):
        return [c for c in sorted(self.comments.values(), key=lambda c: c["id"]) if c["issue_number"] == number]


class Handler(BaseHTTPRequestHandler):
    state = None  # set by serve()

    def log_message(self, *args):
        pass

    # --- plumbing ------------------------------------------------------

    def _send(self, status, payload=None, headers=()):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _user(self, write):
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
        s = self.state
        if token in s.read_only:
            if write:
                self._send(403, {"message": "Resource not accessible by integration"})
                return None
            return {"login": "fork", "type": "Bot"}
        if token not in s.tokens:
            self._send(401, {"message": "Bad credentials"})
            return None
        return s.tokens[token]

    def _json_body(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        self._raw = raw
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _page(self, items, query):
        """GitHub's pagination: per_page (default 30, max 100), page (from 1),
        Link with absolute next/last URLs."""
        per_page = min(int(query.get("per_page", ["30"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        last = max(1, (len(items) + per_page - 1) // per_page)
        chunk = items[(page - 1) * per_page: page * per_page]
        links = []
        origin = self.state.link_base or f"http://{self.headers['Host']}"
        base = origin + urllib.parse.urlsplit(self.path).path

        def url(p):
            q = {k: v[0] for k, v in query.items()}
            q["page"] = str(p)
            return base + "?" + urllib.parse.urlencode(q)
        if page < last:
            links.append(f'<{url(page + 1)}>; rel="next"')
            links.append(f'<{url(last)}>; rel="last"')
        if page > 1:
            links.append(f'<{url(1)}>; rel="first"')
            links.append(f'<{url(page - 1)}>; rel="prev"')
        return chunk, ([("Link", ", ".join(links))] if links else [])

    def _route(self, method):
        split = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(split.query)
        parts = [urllib.parse.unquote(p) for p in split.path.split("/")[1:]]
        body = self._json_body() if method in ("POST", "PATCH") else None
        s = self.state
        with s.lock:
            s.requests.append((method, self.path, dict(self.headers), getattr(self, "_raw", b"")))
            if len(parts) < 3 or parts[0] != "repos" or "/".join(parts[1:3]) != s.repo:
                return self._send(404, {"message": "Not Found"})
            rest = parts[3:]
            user = self._user(write=method != "GET")
            if user is None:
                return
            if method in ("POST", "PATCH") and not isinstance(body, dict):
                return self._send(400, {"message": "Problems parsing JSON"})
            return self._dispatch(method, rest, query, body, user)

    def _dispatch(self, method, rest, query, body, user):
        s = self.state
        # GET /repos/{owner}/{repo}/issues — list repository issues
        # (https://docs.github.com/en/rest/issues/issues#list-repository-issues):
        # state (default open), labels (comma-separated, all must match),
        # newest first; pull requests are included and carry "pull_request".
        if method == "GET" and rest == ["issues"]:
            state = query.get("state", ["open"])[0]
            wanted = [n for n in query.get("labels", [""])[0].split(",") if n]
            items = [i for i in sorted(s.issues.values(), key=lambda i: -i["number"])
                     if (state == "all" or i["state"] == state)
                     and all(n in {lbl["name"] for lbl in i["labels"]} for n in wanted)]
            chunk, headers = self._page(items, query)
            return self._send(200, chunk, headers)
        # POST /repos/{owner}/{repo}/issues — create an issue (201)
        # (https://docs.github.com/en/rest/issues/issues#create-an-issue)
        if method == "POST" and rest == ["issues"]:
            if not isinstance(body.get("title"), str) or not body["title"]:
                return self._send(422, {"message": "Validation Failed"})
            for name in body.get("labels", []):
                s.labels.setdefault(name, {"name": name, "color": "ededed", "description": None})
            issue = s.add_issue(body["title"], body.get("body", ""), body.get("labels", []), user=user)
            return self._send(201, issue)
        # PATCH /repos/{owner}/{repo}/issues/{issue_number} — update an issue (200)
        # (https://docs.github.com/en/rest/issues/issues#update-an-issue)
        if method == "PATCH" and len(rest) == 2 and rest[0] == "issues" and rest[1].isdigit():
            issue = s.issues.get(int(rest[1]))
            if issue is None:
                return self._send(404, {"message": "Not Found"})
            if body.get("state") not in (None, "open", "closed"):
                return self._send(422, {"message": "Validation Failed"})
            for key in ("state", "state_reason", "title", "body"):
                if key in body:
                    issue[key] = body[key]
            return self._send(200, issue)
        # GET /repos/{owner}/{repo}/issues/{issue_number}/comments — list issue
        # comments, ascending by id
        # (https://docs.github.com/en/rest/issues/comments#list-issue-comments)
        if method == "GET" and len(rest) == 3 and rest[0] == "issues" and rest[2] == "comments":
            if not rest[1].isdigit() or int(rest[1]) not in s.issues:
                return self._send(404, {"message": "Not Found"})
            chunk, headers = self._page(s.comments_on(int(rest[1])), query)
            return self._send(200, chunk, headers)
        # POST /repos/{owner}/{repo}/issues/{issue_number}/comments — create (201)
        # (https://docs.github.com/en/rest/issues/comments#create-an-issue-comment)
        if method == "POST" and len(rest) == 3 and rest[0] == "issues" and rest[2] == "comments":
            if not rest[1].isdigit() or int(rest[1]) not in s.issues:
                return self._send(404, {"message": "Not Found"})
            if not isinstance(body.get("body"), str):
                return self._send(422, {"message": "Validation Failed"})
            return self._send(201, s.add_comment(int(rest[1]), body["body"], user))
        # PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} — update (200)
        # (https://docs.github.com/en/rest/issues/comments#update-an-issue-comment)
        if method == "PATCH" and len(rest) == 3 and rest[:2] == ["issues", "comments"]:
            comment = s.comments.get(int(rest[2])) if rest[2].isdigit() else None
            if comment is None:
                return self._send(404, {"message": "Not Found"})
            if not isinstance(body.get("body"), str):
                return self._send(422, {"message": "Validation Failed"})
            comment["body"] = body["body"]
            return self._send(200, comment)
        # GET /repos/{owner}/{repo}/labels/{name} — get a label (200 / 404)
        # (https://docs.github.com/en/rest/issues/labels#get-a-label)
        if method == "GET" and len(rest) == 2 and rest[0] == "labels":
            label = s.labels.get(rest[1])
            return self._send(200, label) if label else self._send(404, {"message": "Not Found"})
        # POST /repos/{owner}/{repo}/labels — create a label (201; 422 if it exists)
        # (https://docs.github.com/en/rest/issues/labels#create-a-label)
        if method == "POST" and rest == ["labels"]:
            name = body.get("name")
            if not isinstance(name, str) or name in s.labels:
                return self._send(422, {"message": "Validation Failed"})
            s.labels[name] = {"name": name, "color": body.get("color", "ededed"),
                              "description": body.get("description")}
            return self._send(201, s.labels[name])
        return self._send(404, {"message": "Not Found"})

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def do_PATCH(self):
        self._route("PATCH")


def serve(repo="acme/demo"):
    """Starts a stand-in on a free local port; returns (server, state, api_url)."""
    state = State(repo)
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state, f"http://127.0.0.1:{server.server_address[1]}"
