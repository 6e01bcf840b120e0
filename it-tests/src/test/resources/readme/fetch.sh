mvn ccigen:fetch -Dccigen.fetch.url=http://127.0.0.1:8001 -Dccigen.fetch.directory=target/fetched
