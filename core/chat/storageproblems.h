// The one path for a failed write: the stores go on in memory, and the host hears of it once
// per store, whichever part of the chat wrote.
#pragma once

#include <QString>

#include <functional>

namespace ChatHost::Chat {

class StorageProblems
{
public:
    enum class Store { History, Moderation };

    explicit StorageProblems(std::function<void(const QString &)> report = {})
        : m_report(std::move(report))
    { }
    void setReport(std::function<void(const QString &)> report) { m_report = std::move(report); }

    // error empty: the write worked.
    void failed(Store store, const QString &error)
    {
        const unsigned bit = 1u << unsigned(store);
        if (error.isEmpty() || (m_reported & bit) != 0)
            return;
        m_reported |= bit;
        if (m_report)
            m_report(error);
    }

private:
    std::function<void(const QString &)> m_report;
    unsigned m_reported = 0; // bit per Store
};

} // namespace ChatHost::Chat
