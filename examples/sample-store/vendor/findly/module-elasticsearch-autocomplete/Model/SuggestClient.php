<?php
namespace Findly\Autocomplete\Model;

use Magento\Elasticsearch7\Model\Client\Elasticsearch;

/**
 * Completion-suggester queries for the search box.
 */
class SuggestClient
{
    private $client;

    private $indexPrefix;

    public function __construct(Elasticsearch $client, string $indexPrefix = 'findly')
    {
        $this->client = $client;
        $this->indexPrefix = $indexPrefix;
    }

    public function suggest(string $text, int $storeId): array
    {
        return $this->client->query([
            'index' => $this->indexPrefix . '_suggest_' . $storeId,
            'body' => ['suggest' => ['names' => ['prefix' => $text, 'completion' => ['field' => 'name_suggest']]]],
        ]);
    }
}
