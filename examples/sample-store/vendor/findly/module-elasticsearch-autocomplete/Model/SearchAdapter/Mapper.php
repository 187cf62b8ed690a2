<?php
namespace Findly\Autocomplete\Model\SearchAdapter;

use Magento\Framework\Search\RequestInterface;

/**
 * Boosts exact SKU matches before the stock query mapping.
 */
class Mapper extends \Magento\Elasticsearch\SearchAdapter\Mapper
{
    public function buildQuery(RequestInterface $request)
    {
        $query = parent::buildQuery($request);
        $query['body']['query']['bool']['should'][] = ['term' => ['sku' => ['value' => $request->getName(), 'boost' => 5]]];

        return $query;
    }
}
