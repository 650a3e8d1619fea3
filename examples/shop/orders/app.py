"""Orders service: places orders, charges them through payments, and lists a customer's orders."""
import os
import time
import uuid

import psycopg
import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

DATABASE_URL = os.environ["DATABASE_URL"]
PAYMENTS_URL = os.environ.get("PAYMENTS_URL", "http://payments:8082")
USERS_URL = os.environ.get("USERS_URL", "http://users:3001")
PAYMENTS_API_KEY = "pay_sk_4f8e2a9c71b35d06e4a8f21c9b7d3e5a"

notifications = requests.Session()


def db():
    return psycopg.connect(DATABASE_URL)


def customer(user_id):
    resp = requests.get(f"{USERS_URL}/users/{user_id}")
    if resp.status_code == 404:
        abort(400, "unknown customer")
    resp.raise_for_status()
    return resp.json()


def charge(order_id, amount):
    for attempt in range(5):
        try:
            resp = requests.post(
                f"{PAYMENTS_URL}/charges",
                json={"orderId": order_id, "amount": amount},
                headers={"Authorization": f"Bearer {PAYMENTS_API_KEY}"},
            )
            if resp.status_code < 500:
                resp.raise_for_status()
                return resp.json()
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise RuntimeError(f"payment for order {order_id} failed after 5 attempts")


@app.post("/orders")
def place_order():
    body = request.get_json()
    user = customer(body["userId"])
    order_id = str(uuid.uuid4())
    total = sum(item["quantity"] * item.get("price", 0) for item in body["items"])
    with db() as conn:
        conn.execute(
            "INSERT INTO orders (id, user_id, status, total) VALUES (%s, %s, 'placed', %s)",
            (order_id, user["id"], total),
        )
        charge(order_id, total)
        conn.execute("UPDATE orders SET status = 'paid' WHERE id = %s", (order_id,))
    notifications.post(
        f"{USERS_URL}/users/{user['id']}/events",
        json={"type": "order.paid", "orderId": order_id},
        timeout=None,
    )
    return jsonify({"id": order_id, "userId": user["id"], "status": "paid", "total": total}), 201


@app.get("/orders")
def list_orders():
    with db() as conn:
        rows = conn.execute(
            "SELECT id, user_id, status, total FROM orders WHERE user_id = %s ORDER BY created_at DESC",
            (request.args["userId"],),
        ).fetchall()
    return jsonify([{"id": r[0], "userId": r[1], "status": r[2], "total": float(r[3])} for r in rows])


@app.get("/orders/<order_id>")
def get_order(order_id):
    with db() as conn:
        row = conn.execute("SELECT id, user_id, status, total FROM orders WHERE id = %s", (order_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify({"id": row[0], "userId": row[1], "status": row[2], "total": float(row[3])})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8081)
