#!/usr/bin/env python3
"""A Unix-socket relay that answers slowly: each connection is accepted,
held for DELAY seconds, then relayed byte for byte to TARGET. Tests use it
to make PostgreSQL slow to connect to. Stops after LIFETIME seconds.
Usage: slow_socket.py LISTEN_PATH TARGET_PATH DELAY LIFETIME"""
import os
import socket
import sys
import threading
import time


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client, target, delay):
    time.sleep(delay)
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        upstream.connect(target)
    except OSError:
        client.close()
        return
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
    pump(client, upstream)


def main():
    listen_path, target, delay, lifetime = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    if os.path.exists(listen_path):
        os.unlink(listen_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(listen_path)
    server.listen(16)
    server.settimeout(0.2)
    end = time.monotonic() + lifetime
    while time.monotonic() < end:
        try:
            client, _ = server.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(client, target, delay), daemon=True).start()
    server.close()
    os.unlink(listen_path)


if __name__ == "__main__":
    main()
